using System.Globalization;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Programmes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>programme.linkBaby</c>: records a baby of a mother in Palomas Home as a record linked to her case file
/// (<c>caseId</c>; from the intake form: <c>babyGivenNames</c>, <c>babyBirthDate</c> yyyy-mm-dd, <c>babySex</c>;
/// <c>enrolmentId</c> when the journey has it).
/// </summary>
public sealed class LinkBabyHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<LinkBabyHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "programme.linkBaby";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        DateOnly? birth = null;
        if (inputs.Optional("babyBirthDate") is { } text)
        {
            birth = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d <= Today
                ? d
                : throw new CaseInputException("babyBirthDate", $"'{text}' is not a past date (yyyy-mm-dd).");
        }

        var sex = inputs.Optional("babySex") is { } s ? CaseInput.OneOf(s, ChildSexes.All, "babySex") : ChildSexes.Other;
        Guid? enrolment = inputs.Optional("enrolmentId") is { } e ? (Guid.TryParse(e, out var g) ? g : throw new CaseInputException("enrolmentId", $"'{e}' is not an enrolment id.")) : null;
        return Complete(new Input(caseId, enrolment, CaseInput.Fits(inputs.Optional("babyGivenNames"), CaseModel.NameLength, "babyGivenNames") ?? "", birth, sex));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var mother = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        change.Db.Add(new BabyRecord
        {
            Id = Guid.NewGuid(),
            MotherCaseId = mother.Id,
            EnrolmentId = input.EnrolmentId,
            GivenNames = input.GivenNames,
            BirthDate = input.BirthDate,
            Sex = input.Sex,
            RecordedAt = change.Now,
            RecordedBy = change.Actor.Id,
        });
        mother.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The mother's case.</param>
    /// <param name="EnrolmentId">Her Palomas enrolment.</param>
    /// <param name="GivenNames">The baby's names.</param>
    /// <param name="BirthDate">The baby's date of birth.</param>
    /// <param name="Sex">The baby's sex.</param>
    public sealed record Input(string CaseId, Guid? EnrolmentId, string GivenNames, DateOnly? BirthDate, string Sex);
}
