using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>family.setStatus</c>: records a family's status. The journeys' <c>dropped-out</c>, <c>rejected</c>,
/// <c>withdrawn</c> and <c>expired</c> close the family (it leaves the register) with that reason; the statuses of
/// <see cref="FosterFamilyStatus"/> (<c>informed</c>, <c>suspended</c>, …) are taken as they are
/// (<see cref="CaseRules.FamilyStatusFor"/>).
/// </summary>
public sealed class SetFamilyStatusHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<SetFamilyStatusHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.setStatus";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        var (status, reason) = CaseRules.FamilyStatusFor(inputs.Required("status"));
        await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        return Complete(new Input(familyId, status, reason));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.SetStatus(input.Status, input.ClosureReason, change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="Status">The status.</param>
    /// <param name="ClosureReason">Why it closed.</param>
    public sealed record Input(string FamilyId, FosterFamilyStatus Status, string? ClosureReason);
}
