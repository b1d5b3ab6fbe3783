using Microsoft.Extensions.Options;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>openDoor.endEpisode</c>: the stay in pre-community under way ends (<c>reason</c>: <c>left-for-street</c>); the
/// record is back on the street and the door stays open. Nothing changes when no stay is open.
/// </summary>
public sealed class EndEpisodeHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<EndEpisodeHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "openDoor.endEpisode";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var recordId = inputs.Required("recordId");
        var reason = inputs.OneOf("reason", EpisodeEndReasons.All);
        await ExistingRecordAsync(db, recordId, ct).ConfigureAwait(false);
        return Complete(new Input(recordId, reason));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var record = await TrackedRecordAsync(change.Db, input.RecordId, ct).ConfigureAwait(false);
        if (record.OpenEpisode is not { } open)
        {
            return;
        }

        open.EndedAt = change.Now;
        open.EndReason = input.Reason;
        if (record.Status == OpenDoorStatuses.PreCommunity)
        {
            record.Status = OpenDoorStatuses.Street;
        }

        record.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="RecordId">The record.</param>
    /// <param name="Reason">How the stay ended.</param>
    public sealed record Input(string RecordId, string Reason);
}
