using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>family.register</c>: enters a certified family in the register used for matching (status <c>active</c>), with the
/// characteristics of the application when the journey has them (<c>capacity</c>, <c>languages</c>, <c>householdNotes</c>).
/// </summary>
public sealed class RegisterFamilyHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RegisterFamilyHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.register";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        var family = await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        CaseRules.CheckRegistrable(family);
        var capacity = inputs.OptionalInt("capacity");
        if (capacity is < 1)
        {
            throw new CaseInputException("capacity", "must be at least 1.");
        }

        return Complete(new Input(familyId, capacity, inputs.Optional("languages"), inputs.Optional("householdNotes")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.EnterRegister(input.Capacity, input.Languages, input.HouseholdNotes, change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="Capacity">Capacity from the application.</param>
    /// <param name="Languages">Languages from the application.</param>
    /// <param name="HouseholdNotes">Notes from the application.</param>
    public sealed record Input(string FamilyId, int? Capacity, string? Languages, string? HouseholdNotes);
}
