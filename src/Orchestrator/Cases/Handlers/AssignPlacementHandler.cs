using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>case.assignPlacement</c>: places the child. Refuses with <c>FACILITY_FULL</c> (no place for the child and the
/// siblings in care), <c>AGE_OUT_OF_RANGE</c>, <c>SEX_MISMATCH</c> or <c>FAMILY_NOT_AVAILABLE</c>, with the reason in
/// the variable <c>placementRefusal</c>. Records the child's opinion (<c>childOpinion</c>) at this decision, and with a
/// first-reception placement the profile flags of the referral form (<c>victimOfCrime</c>, <c>lgbttti</c>, …).
/// </summary>
public sealed class AssignPlacementHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<AssignPlacementHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.assignPlacement";

    /// <summary>The referral form's flag variables, in the order of <see cref="ProfileFlags"/>.</summary>
    private static readonly string[] FlagVariables = ["victimOfCrime", "lgbttti", "traffickingVictim", "extremeViolenceVictim", "indigenous", "disability", "pregnantOrWithChild"];

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var placementType = inputs.OneOf("placementType", PlacementTypes.All);
        var placementId = placementType == PlacementTypes.ExtendedFamily ? null : inputs.Required("facilityId");
        var child = await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        var refusal = await CaseRules.CheckPlacementAsync(db, child, placementType, placementId, Today, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return JobOutcome.BpmnError(refusal.ErrorCode, refusal.Message, new JsonObject { ["placementRefusal"] = refusal.Message });
        }

        // The referral to first reception is where detection's profile flags are recorded (the referral form's checkboxes).
        var flags = placementType == PlacementTypes.FirstReception ? FlagsOf(inputs) : null;
        return Complete(new Input(caseId, placementType, placementId, inputs.Optional("childOpinion")) { Flags = flags });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var db = change.Db;
        var child = await TrackedCaseAsync(db, input.CaseId, ct).ConfigureAwait(false);

        // Lock the place first (an UPDATE takes the row lock; on PostgreSQL a concurrent placement into the same place
        // waits here until the other commits), THEN count: under read committed the count sees every placement that
        // committed before us, so two placements into the last place cannot both pass. SQLite serialises writers anyway.
        if (input.PlacementType == PlacementTypes.FosterFamily)
        {
            var id = input.PlacementId!;
            await db.FosterFamilies().Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RowVersion, f => f.RowVersion + 1).SetProperty(f => f.UpdatedAt, change.Now), ct).ConfigureAwait(false);
        }
        else if (input.PlacementId is { } placeId)
        {
            await db.Facilities().Where(f => f.Id == placeId)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RowVersion, f => f.RowVersion + 1), ct).ConfigureAwait(false);
        }

        // Checked again inside the transaction: another child may have taken the last place since the attempt. Then
        // nothing commits and the job runs again, and its next attempt answers with the refusal.
        if (await CaseRules.CheckPlacementAsync(db, child, input.PlacementType, input.PlacementId, Today, ct).ConfigureAwait(false) is { } refusal)
        {
            throw new WorkflowConflictException($"{JobType}: {refusal.Message} (the place was taken since the attempt; the job runs again).");
        }

        var from = child.PlacementKey;
        child.Place(input.PlacementType, input.PlacementId, change.Now);
        if (input.Flags is { } recorded)
        {
            child.Flags = child.Flags.With(recorded);
        }

        AddEvent(change, child.Id, CaseEventTypes.PlacementAssigned, from, $"{input.PlacementType}:{input.PlacementId}", null);
        AddOpinion(change, child.Id, "placement", input.ChildOpinion);
    }

    private static ProfileFlags? FlagsOf(JobInputs inputs)
    {
        var values = FlagVariables.Select(inputs.OptionalBool).ToArray();
        if (values.All(v => v is null))
        {
            return null;
        }

        return new ProfileFlags
        {
            VictimOfCrime = values[0] == true,
            Lgbttti = values[1] == true,
            TraffickingVictim = values[2] == true,
            ExtremeViolenceVictim = values[3] == true,
            Indigenous = values[4] == true,
            Disability = values[5] == true,
            PregnantOrWithChild = values[6] == true,
        };
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="PlacementType">The placement type.</param>
    /// <param name="PlacementId">The facility or family; <c>null</c> for extended family.</param>
    /// <param name="ChildOpinion">The child's opinion, if recorded with the decision.</param>
    public sealed record Input(string CaseId, string PlacementType, string? PlacementId, string? ChildOpinion)
    {
        /// <summary>Profile flags recorded with the referral to first reception, if the process has them.</summary>
        public ProfileFlags? Flags { get; init; }
    }
}
