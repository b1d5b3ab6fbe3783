using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Programmes;

/// <summary>
/// The programmes of a case: enrolling (which starts the <c>programme-enrolment</c> journey, where the place, the
/// consents and the team's work are handled), the enrolments with the consents they wait for, consent and assent as
/// given (with the date and who recorded it), and the babies of a mother in Palomas Home. Every call on a case is
/// checked against the caller's caseload (<see cref="CaseAccess"/>).
/// </summary>
public sealed class ProgrammeService(OrchestratorDbContext db, TimeProvider time, WorkflowService workflows, CaseAccess access)
{
    /// <summary>The enrolment journey.</summary>
    public const string JourneyId = "programme-enrolment";

    /// <summary>Starts the enrolment journey of a case in a programme (business key: the case's reference).</summary>
    /// <param name="caseId">The case (id or reference).</param>
    /// <param name="request">The programme.</param>
    /// <param name="actor">Who enrols the child.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The journey's instance id.</returns>
    /// <exception cref="CaseInputException">Not a programme.</exception>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    public async Task<string> EnrolAsync(string caseId, EnrolmentRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var programme = CaseInput.OneOf(request.Programme, CareProgrammes.All, "programme");
        var child = await CaseAsync(caseId, actor, ct).ConfigureAwait(false);
        var variables = new JsonObject { ["caseId"] = child.Id, ["caseReference"] = child.Reference, ["programme"] = programme };
        if (request.CoordinatorEmail is { Length: > 0 } email)
        {
            variables["coordinatorEmail"] = email;
        }

        return await workflows.StartAsync(JourneyId, variables, child.Reference, actor, ct).ConfigureAwait(false);
    }

    /// <summary>The case's enrolments, newest first, each with the consents it still waits for (the read is audited).</summary>
    /// <param name="caseId">The case (id or reference).</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<EnrolmentView>> ListEnrolmentsAsync(string caseId, Actor actor, CancellationToken ct)
    {
        var child = await CaseAsync(caseId, actor, ct).ConfigureAwait(false);
        await access.AuditAsync(child.Id, "CaseProgrammesRead", actor, ct).ConfigureAwait(false);
        var id = child.Id;
        var enrolments = await db.Set<ProgrammeEnrolment>().AsNoTracking().Where(e => e.CaseId == id).ToListAsync(ct).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var views = new List<EnrolmentView>();
        foreach (var e in enrolments.OrderByDescending(e => e.EnrolledAt))
        {
            IReadOnlyList<string> missing = e.Status == EnrolmentStatuses.PendingConsent
                ? [.. (await CaseRules.MissingConsentsAsync(db, child, e.Programme, today, ct).ConfigureAwait(false)).Select(m => $"{m.GivenBy}: {m.Subject}")]
                : [];
            views.Add(new EnrolmentView(e.Id, e.Programme, CareProgrammes.TeamOf(e.Programme), e.Status, e.EnrolledAt, e.ActivatedAt, e.EndedAt, missing));
        }

        return views;
    }

    /// <summary>Records a consent or assent as it was given, with the date and who records it.</summary>
    /// <param name="caseId">The case (id or reference).</param>
    /// <param name="request">The consent.</param>
    /// <param name="actor">Who records it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A field is missing or not allowed (a date in the future).</exception>
    public async Task<CaseConsent> RecordConsentAsync(string caseId, NewConsentRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var subject = CaseInput.OneOf(request.Subject, ConsentSubjects.All, "subject");
        var givenBy = CaseInput.OneOf(request.GivenBy, ConsentGivers.All, "givenBy");
        var given = request.Given ?? throw new CaseInputException("given", "say whether it was given (true) or refused (false).");
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var on = request.GivenOn ?? today;
        if (on > today)
        {
            throw new CaseInputException("givenOn", "lies in the future.");
        }

        var child = await CaseAsync(caseId, actor, ct).ConfigureAwait(false);
        var consent = new CaseConsent
        {
            Id = Guid.NewGuid(),
            CaseId = child.Id,
            Subject = subject,
            GivenBy = givenBy,
            Given = given,
            GivenOn = on,
            Notes = request.Notes,
            RecordedAt = now,
            RecordedBy = CaseInput.Limit(actor.Id),
        };
        db.ChangeTracker.Clear();
        db.Add(consent);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return consent;
    }

    /// <summary>Records a baby of a mother in Palomas Home, linked to her case file.</summary>
    /// <param name="caseId">The mother's case (id or reference).</param>
    /// <param name="request">The baby.</param>
    /// <param name="actor">Who records it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A field is not allowed (a birth date in the future).</exception>
    public async Task<BabyRecord> LinkBabyAsync(string caseId, NewBabyRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        if (request.BirthDate is { } birth && birth > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new CaseInputException("birthDate", "lies in the future.");
        }

        var sex = CaseInput.OneOf(request.Sex ?? ChildSexes.Other, ChildSexes.All, "sex");
        var mother = await CaseAsync(caseId, actor, ct).ConfigureAwait(false);
        var motherId = mother.Id;
        var enrolment = await db.Set<ProgrammeEnrolment>().AsNoTracking()
            .Where(e => e.CaseId == motherId && e.Programme == CareProgrammes.Palomas && e.Status != EnrolmentStatuses.Ended)
            .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var baby = new BabyRecord
        {
            Id = Guid.NewGuid(),
            MotherCaseId = mother.Id,
            EnrolmentId = enrolment,
            GivenNames = request.GivenNames?.Trim() ?? "",
            BirthDate = request.BirthDate,
            Sex = sex,
            RecordedAt = now,
            RecordedBy = CaseInput.Limit(actor.Id),
        };
        db.ChangeTracker.Clear();
        db.Add(baby);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return baby;
    }

    private async Task<ChildCase> CaseAsync(string caseId, Actor actor, CancellationToken ct)
    {
        var child = await db.ChildCases().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        await access.EnsureOnCaseloadAsync(child, actor, ct).ConfigureAwait(false);
        return child;
    }
}
