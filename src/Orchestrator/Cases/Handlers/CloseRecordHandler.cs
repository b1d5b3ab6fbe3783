using Microsoft.Extensions.Options;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>openDoor.closeRecord</c>: the record closes without an admission (<c>reason</c>: <c>lost-contact</c>,
/// <c>referred-elsewhere</c>); a stay still open ends with it.
/// </summary>
public sealed class CloseRecordHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<CloseRecordHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "openDoor.closeRecord";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var recordId = inputs.Required("recordId");
        var reason = inputs.OneOf("reason", RecordClosureReasons.All);
        await ExistingRecordAsync(db, recordId, ct).ConfigureAwait(false);
        return Complete(new Input(recordId, reason));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var record = await TrackedRecordAsync(change.Db, input.RecordId, ct).ConfigureAwait(false);
        if (record.OpenEpisode is { } open)
        {
            open.EndedAt = change.Now;
            open.EndReason = EpisodeEndReasons.RecordClosed;
        }

        record.Status = OpenDoorStatuses.Closed;
        record.ClosureReason = input.Reason;
        record.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="RecordId">The record.</param>
    /// <param name="Reason">Why it closes.</param>
    public sealed record Input(string RecordId, string Reason);
}
