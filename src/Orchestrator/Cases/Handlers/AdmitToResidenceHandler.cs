using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>openDoor.admit</c>: the child moves from pre-community to the residence. Opens the case file (phase
/// <c>residential</c>, reference <c>CA-yyyy-nnnn</c>) from the admission form (<c>givenNames</c>, <c>familyNames</c>,
/// <c>birthDate</c>, <c>sex</c>, <c>nationality</c>, <c>languages</c>, <c>legalRepresentative</c>, <c>childOpinion</c>),
/// ends the stay in pre-community (<c>moved-to-residence</c>) and keeps the link to the case on the record. Outputs
/// <c>admittedCaseId</c> and <c>admittedCaseReference</c>, which only coordinators read (the same names as the record's
/// marked properties). A child outside the residence's ages is refused with <c>AGE_OUT_OF_RANGE</c> (reason in
/// <c>admissionRefusal</c>). Nothing written on the case points back to the record or its journey.
/// </summary>
/// <remarks>
/// The reference is taken in the attempt, because the outputs are fixed there and the residence journey is started under
/// it; an attempt whose completion then conflicts leaves its number unused (a gap, never a duplicate).
/// </remarks>
public sealed class AdmitToResidenceHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options, WorkflowOptions workflowOptions)
    : CaseJobHandler<AdmitToResidenceHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "openDoor.admit";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var recordId = inputs.Required("recordId");
        var record = await ExistingRecordAsync(db, recordId, ct).ConfigureAwait(false);
        if (record.Status is OpenDoorStatuses.Residential or OpenDoorStatuses.Closed)
        {
            throw new CaseInputException("recordId", $"record {record.Reference} is {record.Status}; only a child in the open door is admitted.");
        }

        var givenNames = inputs.Required("givenNames");
        var nationality = inputs.Required("nationality");
        var birthText = inputs.Required("birthDate");
        if (!DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate) || birthDate > Today)
        {
            throw new CaseInputException("birthDate", $"'{birthText}' is not a past date (yyyy-mm-dd).");
        }

        var sex = inputs.Optional("sex") is { } s ? CaseInput.OneOf(s, ChildSexes.All, "sex") : record.Sex;
        var representative = inputs.Optional("legalRepresentative") is { } r && r != "none" ? CaseInput.OneOf(r, LegalRepresentatives.All, "legalRepresentative") : null;
        if (CaseRules.CheckResidenceAge(birthDate, Today, Options.OpenDoor) is { } refusal)
        {
            return JobOutcome.BpmnError(refusal.ErrorCode, refusal.Message, new JsonObject { ["admissionRefusal"] = refusal.Message });
        }

        // The reference's year is the organisation's calendar year, as for a case opened through the API.
        var now = Time.GetUtcNow();
        var year = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(workflowOptions.TimeZone)).Year;
        var number = await CaseRules.NextNumberAsync(db, "case", year, ct).ConfigureAwait(false);
        var child = new ChildCase
        {
            Id = "case-" + Guid.NewGuid().ToString("N")[..16],
            Reference = CaseRules.FormatReference(Options.ReferencePrefix, year, number),
            GivenNames = CaseInput.Fits(givenNames.Trim(), CaseModel.NameLength, "givenNames")!,
            FamilyNames = CaseInput.Fits(inputs.Optional("familyNames")?.Trim(), CaseModel.NameLength, "familyNames") ?? "",
            BirthDate = birthDate,
            Sex = sex,
            Nationality = CaseInput.Fits(nationality.Trim(), CaseModel.IdLength, "nationality")!,
            Languages = CaseInput.Fits(inputs.Optional("languages")?.Trim(), CaseModel.ListLength, "languages") ?? "",
            LegalRepresentative = representative,
            Phase = CasePhases.Residential,
        };
        return Complete(new Input(recordId, child, inputs.Optional("childOpinion")), new JsonObject
        {
            ["admittedCaseId"] = child.Id,
            ["admittedCaseReference"] = child.Reference,
        });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var record = await TrackedRecordAsync(change.Db, input.RecordId, ct).ConfigureAwait(false);
        if (record.Status is OpenDoorStatuses.Residential or OpenDoorStatuses.Closed)
        {
            throw new WorkflowConflictException($"{JobType}: record {record.Reference} is {record.Status} now; the job runs again.");
        }

        // A new row each time: a command retried after a conflict completes the job again with the same input.
        var t = input.Child;
        var child = new ChildCase
        {
            Id = t.Id,
            Reference = t.Reference,
            GivenNames = t.GivenNames,
            FamilyNames = t.FamilyNames,
            BirthDate = t.BirthDate,
            Sex = t.Sex,
            Nationality = t.Nationality,
            Languages = t.Languages,
            LegalRepresentative = t.LegalRepresentative,
            Phase = CasePhases.Residential,
            PhaseSince = change.Now,
            CreatedAt = change.Now,
            CreatedBy = change.Actor.Id,
            UpdatedAt = change.Now,
        };
        change.Db.Add(child);

        // The case file's own rows carry no instance id: the journey's business key is the record's reference.
        change.Db.Add(new CaseEvent { Id = Guid.NewGuid(), CaseId = child.Id, At = change.Now, Type = CaseEventTypes.Opened, To = CasePhases.Residential, Detail = "admitted to the residence", UserId = change.Actor.Id });
        if (!string.IsNullOrWhiteSpace(input.ChildOpinion))
        {
            change.Db.Add(new ChildOpinion { Id = Guid.NewGuid(), CaseId = child.Id, Decision = "residence-admission", Opinion = input.ChildOpinion, RecordedAt = change.Now, RecordedBy = change.Actor.Id });
        }

        if (record.OpenEpisode is { } open)
        {
            open.EndedAt = change.Now;
            open.EndReason = EpisodeEndReasons.MovedToResidence;
        }

        record.Status = OpenDoorStatuses.Residential;
        record.AdmittedCaseId = child.Id;
        record.AdmittedCaseReference = child.Reference;
        record.AdmittedAt = change.Now;
        record.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="RecordId">The record.</param>
    /// <param name="Child">What the case file opens with (the completion makes the row, with its times).</param>
    /// <param name="ChildOpinion">The child's opinion at admission.</param>
    public sealed record Input(string RecordId, ChildCase Child, string? ChildOpinion);
}
