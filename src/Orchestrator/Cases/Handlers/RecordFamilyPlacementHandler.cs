using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>family.recordPlacement</c>: records the closure (<c>event</c> = <c>closed</c>) of a placement in the register: the
/// family's count of closed placements goes up, and a child still placed with the family (<c>caseId</c>, when given)
/// leaves the placement.
/// </summary>
public sealed class RecordFamilyPlacementHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordFamilyPlacementHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.recordPlacement";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        inputs.OneOf("event", ["closed"]);
        await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        var caseId = inputs.Optional("caseId");
        if (caseId is not null)
        {
            await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        }

        return Complete(new Input(familyId, caseId));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.RecordPlacementClosed(change.Now);
        if (input.CaseId is not null)
        {
            var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
            if (child.PlacementType == PlacementTypes.FosterFamily && child.PlacementId == input.FamilyId)
            {
                AddEvent(change, child.Id, CaseEventTypes.PlacementAssigned, child.PlacementKey, null, "placement with the foster family closed");
                child.LeavePlacement(change.Now);
            }
        }
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="CaseId">The child whose placement ended, if the journey knows it.</param>
    public sealed record Input(string FamilyId, string? CaseId);
}
