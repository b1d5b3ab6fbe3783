using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary><c>case.recordEvent</c>: records an event (<c>left-shelter</c>) in the case file (named so: a type ending in EventHandler reads as a .NET event delegate).</summary>
public sealed class RecordCaseEventJobHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordCaseEventJobHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.recordEvent";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var kind = inputs.OneOf("event", CaseEventTypes.Recordable);
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        return Complete(new Input(caseId, kind, inputs.Optional("circumstances") ?? inputs.Optional("notes")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        child.Touch(change.Now);
        AddEvent(change, child.Id, input.Event, child.PlacementId, null, input.Detail);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Event">The event.</param>
    /// <param name="Detail">What staff wrote about it.</param>
    public sealed record Input(string CaseId, string Event, string? Detail);
}
