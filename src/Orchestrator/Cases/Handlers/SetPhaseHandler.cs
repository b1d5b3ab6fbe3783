using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary><c>case.setPhase</c>: records a phase change in the case file (plans are reviewed at every change of phase).</summary>
public sealed class SetPhaseHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<SetPhaseHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.setPhase";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var phase = inputs.OneOf("phase", CasePhases.All);
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        return Complete(new Input(caseId, phase, inputs.Optional("reason")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        var from = child.Phase;
        if (child.ChangePhase(input.Phase, change.Now))
        {
            AddEvent(change, child.Id, CaseEventTypes.PhaseChanged, from, input.Phase, input.Reason);
        }
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Phase">The new phase.</param>
    /// <param name="Reason">Why (closure reason).</param>
    public sealed record Input(string CaseId, string Phase, string? Reason);
}
