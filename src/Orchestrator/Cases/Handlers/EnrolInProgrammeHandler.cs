using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Programmes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>programme.enrol</c>: enrols the child (<c>caseId</c>) in a programme (<c>programme</c>: <c>palomas</c>,
/// <c>luna</c>, <c>apartments</c>); the enrolment holds a place while it waits for consent. Outputs <c>enrolmentId</c>
/// and <c>programmeTeam</c> (the group the programme's tasks go to). Refuses with <c>PROGRAMME_FULL</c>,
/// <c>AGE_OUT_OF_RANGE</c> or <c>NOT_ELIGIBLE</c> (reason in <c>enrolmentRefusal</c>), as <see cref="CaseRules.CheckEnrolmentAsync"/> says.
/// </summary>
public sealed class EnrolInProgrammeHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<EnrolInProgrammeHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "programme.enrol";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var programme = inputs.OneOf("programme", CareProgrammes.All);
        var child = await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        if (await CaseRules.CheckEnrolmentAsync(db, child, programme, Options.SettingsOf(programme), Today, ct).ConfigureAwait(false) is { } refusal)
        {
            return JobOutcome.BpmnError(refusal.ErrorCode, refusal.Message, new JsonObject { ["enrolmentRefusal"] = refusal.Message });
        }

        // The row whose lock orders concurrent enrolments into this programme (see ApplyAsync).
        await CaseRules.EnsureCounterAsync(db, CaseRules.ProgrammeLockName(programme), 0, ct).ConfigureAwait(false);
        var enrolmentId = Guid.NewGuid();
        return Complete(new Input(caseId, programme, enrolmentId), new JsonObject
        {
            ["enrolmentId"] = enrolmentId.ToString("D", CultureInfo.InvariantCulture),
            ["programmeTeam"] = CareProgrammes.TeamOf(programme),
        });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var db = change.Db;
        var child = await TrackedCaseAsync(db, input.CaseId, ct).ConfigureAwait(false);

        // Lock, then count again: another enrolment may have taken the last place since the attempt.
        await CaseRules.LockCounterAsync(db, CaseRules.ProgrammeLockName(input.Programme), ct).ConfigureAwait(false);
        if (await CaseRules.CheckEnrolmentAsync(db, child, input.Programme, Options.SettingsOf(input.Programme), Today, ct).ConfigureAwait(false) is { } refusal)
        {
            throw new WorkflowConflictException($"{JobType}: {refusal.Message} (since the attempt; the job runs again).");
        }

        db.Add(new ProgrammeEnrolment
        {
            Id = input.EnrolmentId,
            CaseId = child.Id,
            Programme = input.Programme,
            Status = EnrolmentStatuses.PendingConsent,
            EnrolledAt = change.Now,
            InstanceId = change.InstanceId,
        });
        child.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Programme">The programme.</param>
    /// <param name="EnrolmentId">The new enrolment's id.</param>
    public sealed record Input(string CaseId, string Programme, Guid EnrolmentId);
}
