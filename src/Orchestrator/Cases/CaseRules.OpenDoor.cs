using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>The invariants of the open door and the programmes.</summary>
public static partial class CaseRules
{
    /// <summary>
    /// What outreach offered, checked: information only, never goods (the organisation's method). Returns the offers
    /// as stored (comma-separated, in vocabulary order).
    /// </summary>
    /// <param name="offered">The offers.</param>
    /// <exception cref="CaseInputException">None, or one that is not information (naming <c>offered</c>).</exception>
    public static string CheckOutreachOffers(IReadOnlyCollection<string>? offered)
    {
        if (offered is null || offered.Count == 0)
        {
            throw new CaseInputException("offered", $"say what was offered: one or more of {string.Join(", ", OutreachOffers.All)}.");
        }

        foreach (var offer in offered)
        {
            if (!OutreachOffers.All.Contains(offer, StringComparer.Ordinal))
            {
                throw new CaseInputException("offered", $"'{offer}' is not information; street outreach offers information only, never goods ({string.Join(", ", OutreachOffers.All)}).");
            }
        }

        return string.Join(",", OutreachOffers.All.Where(offered.Contains));
    }

    /// <summary>Whether the residence takes a child born on <paramref name="birthDate"/> (the open door's ages).</summary>
    /// <param name="birthDate">The date of birth.</param>
    /// <param name="today">Today.</param>
    /// <param name="settings">The open door's settings.</param>
    /// <returns>A refusal, or <c>null</c>.</returns>
    public static CaseRefusal? CheckResidenceAge(DateOnly birthDate, DateOnly today, OpenDoorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var age = new ChildCase { BirthDate = birthDate }.AgeOn(today)!.Value;
        return age < settings.MinAge || age > settings.MaxAge
            ? new CaseRefusal(CaseErrorCodes.AgeOutOfRange, string.Create(CultureInfo.InvariantCulture, $"The residence takes children aged {settings.MinAge}–{settings.MaxAge}; the child is {age}: refer them to the DIF or the PPNNA."))
            : null;
    }

    /// <summary>
    /// Whether <paramref name="child"/> may be enrolled in <paramref name="programme"/>: not already enrolled in it, of the
    /// sex and age it takes (an unknown age is not refused), and a place left (enrolments waiting for consent hold
    /// theirs). The caller writing afterwards holds the programme's lock (<see cref="ProgrammeLockName"/>).
    /// </summary>
    /// <param name="db">The context.</param>
    /// <param name="child">The child.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="settings">The programme's settings.</param>
    /// <param name="today">Today.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A refusal, or <c>null</c>.</returns>
    public static async Task<CaseRefusal?> CheckEnrolmentAsync(OrchestratorDbContext db, ChildCase child, string programme, ProgrammeSettings settings, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(settings);
        var enrolments = db.Set<ProgrammeEnrolment>().AsNoTracking().Where(e => e.Programme == programme && EnrolmentStatuses.HoldingAPlace.Contains(e.Status));
        if (await enrolments.AnyAsync(e => e.CaseId == child.Id, ct).ConfigureAwait(false))
        {
            return new CaseRefusal(CaseErrorCodes.NotEligible, $"Case {child.Reference} is enrolled in {programme} already.");
        }

        if (settings.Sex is { } sex && child.Sex != sex)
        {
            return new CaseRefusal(CaseErrorCodes.NotEligible, $"The {programme} programme takes {sex} participants only.");
        }

        if (child.AgeOn(today) is { } age && ((settings.MinAge is { } lo && age < lo) || (settings.MaxAge is { } hi && age > hi)))
        {
            return new CaseRefusal(CaseErrorCodes.AgeOutOfRange, string.Create(CultureInfo.InvariantCulture, $"The {programme} programme takes ages {settings.MinAge}–{settings.MaxAge}; the participant is {age}."));
        }

        if (settings.Capacity is { } capacity)
        {
            var held = await enrolments.CountAsync(ct).ConfigureAwait(false);
            if (held >= capacity)
            {
                return new CaseRefusal(CaseErrorCodes.ProgrammeFull, string.Create(CultureInfo.InvariantCulture, $"The {programme} programme has {capacity} places and all are taken."));
            }
        }

        return null;
    }

    /// <summary>
    /// The name of the counter row (<c>reference_counters</c>, year 0) an enrolment updates first: its row lock orders
    /// concurrent enrolments into one programme on PostgreSQL, so two cannot both take the last place.
    /// </summary>
    /// <param name="programme">The programme.</param>
    public static string ProgrammeLockName(string programme) => "programme:" + programme;

    /// <summary>
    /// The consents an enrolment needs: the child's assent to the programme and, under 18 (or of unknown age) with a
    /// legal representative, the representative's consent; for a programme run with another organisation the same for
    /// sharing information.
    /// </summary>
    /// <param name="child">The child.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="today">Today.</param>
    /// <returns>(subject, giver) pairs.</returns>
    public static IReadOnlyList<(string Subject, string GivenBy)> RequiredConsents(ChildCase child, string programme, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(child);
        string[] subjects = CareProgrammes.SharesInformationOutside(programme)
            ? [ConsentSubjects.Programme(programme), ConsentSubjects.InformationSharing]
            : [ConsentSubjects.Programme(programme)];
        var minor = child.AgeOn(today) is not { } age || age < 18;
        var representative = minor ? child.LegalRepresentative : null;
        return [.. subjects.SelectMany(s => representative is null ? [(s, ConsentGivers.Child)] : new[] { (s, ConsentGivers.Child), (s, representative) })];
    }

    /// <summary>The required consents (<see cref="RequiredConsents"/>) that are not given now: none recorded, or the latest refused.</summary>
    /// <param name="db">The context.</param>
    /// <param name="child">The child.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="today">Today.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyList<(string Subject, string GivenBy)>> MissingConsentsAsync(OrchestratorDbContext db, ChildCase child, string programme, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(child);
        var caseId = child.Id;
        var recorded = await db.Set<CaseConsent>().AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync(ct).ConfigureAwait(false);
        return [.. RequiredConsents(child, programme, today).Where(r =>
            recorded.Where(c => c.Subject == r.Subject && c.GivenBy == r.GivenBy).OrderBy(c => c.RecordedAt).LastOrDefault() is not { Given: true })];
    }
}
