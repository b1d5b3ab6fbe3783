using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>
/// The invariants of the case domain, in one place: what must hold whoever changes a case (a journey's service task or
/// a request to the API). This file: case files, placements, facilities and families; <c>CaseRules.OpenDoor.cs</c>:
/// street outreach, the residence's ages, programmes and consent. Process decisions (what happens next, deadlines) are
/// drawn in the journeys' BPMN; the shape of input (required fields, vocabularies) is checked by the forms and
/// <see cref="CaseInput"/>; lifecycles that touch one row only are methods of the entities
/// (<see cref="ChildCase.ChangePhase"/>, <see cref="FosterFamily.Certify"/>, ...).
/// </summary>
public static partial class CaseRules
{
    /// <summary>
    /// Whether <paramref name="child"/> may be placed: the facility's (or family's) capacity must hold the child and the
    /// siblings in care who are not there yet (siblings stay together), and the child's age and sex must fit. Extended
    /// family has no facility and is never refused. Unknown facility ids are not a refusal but bad input: see the result.
    /// </summary>
    /// <param name="db">The context (inside the caller's transaction when it writes afterwards).</param>
    /// <param name="child">The child.</param>
    /// <param name="placementType">A <see cref="PlacementTypes"/> value.</param>
    /// <param name="placementId">The facility or family id.</param>
    /// <param name="today">Today (for the age).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A refusal, or <c>null</c> when the placement may go ahead.</returns>
    /// <exception cref="CaseInputException">The facility or family does not exist, or is of another kind.</exception>
    public static async Task<PlacementRefusal?> CheckPlacementAsync(OrchestratorDbContext db, ChildCase child, string placementType, string? placementId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(child);
        if (placementType == PlacementTypes.ExtendedFamily)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(placementId))
        {
            throw new CaseInputException("facilityId", $"a {placementType} placement needs the facility or family id.");
        }

        // Siblings in care elsewhere come along: the place must hold them too.
        var siblings = child.SiblingGroup is null ? 0 : await db.ChildCases().AsNoTracking()
            .CountAsync(c => c.SiblingGroup == child.SiblingGroup && c.Id != child.Id && c.Phase != CasePhases.Closed && c.PlacementId != placementId, ct).ConfigureAwait(false);
        var occupied = await OccupancyAsync(db, placementId, child.Id, ct).ConfigureAwait(false);
        var needed = 1 + siblings;
        var with = siblings > 0 ? $" and {siblings.ToString(CultureInfo.InvariantCulture)} sibling(s)" : "";

        if (placementType == PlacementTypes.FosterFamily)
        {
            var family = await db.FosterFamilies().AsNoTracking().SingleOrDefaultAsync(f => f.Id == placementId, ct).ConfigureAwait(false)
                ?? throw new CaseInputException("facilityId", $"no foster family '{placementId}' is in the register.");
            if (family.Status != FosterFamilyStatus.Active)
            {
                return new PlacementRefusal(CaseErrorCodes.FamilyNotAvailable, $"Foster family {family.Reference} is {FosterFamilyStatuses.ToKey(family.Status)}, not active in the register.");
            }

            return occupied + needed > family.Capacity
                ? new PlacementRefusal(CaseErrorCodes.FacilityFull, $"Foster family {family.Reference} takes {family.Capacity.ToString(CultureInfo.InvariantCulture)} children and has {occupied.ToString(CultureInfo.InvariantCulture)}: no place for the child{with}.")
                : null;
        }

        var kind = PlacementTypes.FacilityKindOf(placementType)
            ?? throw new CaseInputException("placementType", $"'{placementType}' is not one of {string.Join(", ", PlacementTypes.All)}.");
        var facility = await db.Facilities().AsNoTracking().SingleOrDefaultAsync(f => f.Id == placementId, ct).ConfigureAwait(false)
            ?? throw new CaseInputException("facilityId", $"no facility '{placementId}'.");
        if (facility.Kind != kind)
        {
            throw new CaseInputException("facilityId", $"facility '{facility.Id}' is a {facility.Kind} facility, not {kind} as a {placementType} placement needs.");
        }

        if (child.AgeOn(today) is { } age && (age < facility.MinAge || age > facility.MaxAge))
        {
            return new PlacementRefusal(CaseErrorCodes.AgeOutOfRange,
                $"{facility.Name} admits ages {facility.MinAge.ToString(CultureInfo.InvariantCulture)}–{facility.MaxAge.ToString(CultureInfo.InvariantCulture)}; the child is {age.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (facility.Sex != FacilitySexes.Any && facility.Sex != child.Sex)
        {
            return new PlacementRefusal(CaseErrorCodes.SexMismatch, $"{facility.Name} admits {facility.Sex} children only.");
        }

        return occupied + needed > facility.Capacity
            ? new PlacementRefusal(CaseErrorCodes.FacilityFull, $"{facility.Name} takes {facility.Capacity.ToString(CultureInfo.InvariantCulture)} children and has {occupied.ToString(CultureInfo.InvariantCulture)}: no place for the child{with}.")
            : null;
    }

    /// <summary>How many children in care live at a facility or family now (closed cases excluded).</summary>
    /// <param name="db">The context.</param>
    /// <param name="placementId">The facility or family id.</param>
    /// <param name="exceptCaseId">A case not to count (the child being placed, if already there).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<int> OccupancyAsync(OrchestratorDbContext db, string placementId, string? exceptCaseId, CancellationToken ct) =>
        db.ChildCases().AsNoTracking().CountAsync(c => c.PlacementId == placementId && c.Phase != CasePhases.Closed && c.Id != exceptCaseId, ct);

    /// <summary>
    /// The next number of a counter (<c>case</c>, …) for a year, inside the caller's transaction. The update comes first,
    /// so the row lock (PostgreSQL) or the write lock (SQLite) orders concurrent callers; the first of a year inserts the
    /// row, and a second inserting at once fails on the primary key (a conflict the caller retries).
    /// </summary>
    /// <param name="db">The context, in a transaction.</param>
    /// <param name="name">The counter.</param>
    /// <param name="year">The year.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<int> NextNumberAsync(OrchestratorDbContext db, string name, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counters = db.Set<ReferenceCounter>();
        var updated = await counters.Where(c => c.Name == name && c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), ct).ConfigureAwait(false);
        if (updated == 0)
        {
            counters.Add(new ReferenceCounter { Name = name, Year = year, LastNumber = 1 });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return 1;
        }

        return await counters.AsNoTracking().Where(c => c.Name == name && c.Year == year).Select(c => c.LastNumber).SingleAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a family may be issued (or renewed) a certificate of aptitude: not once it left the programme.
    /// </summary>
    /// <param name="family">The family.</param>
    /// <exception cref="CaseInputException">The family is closed (naming <c>familyId</c>).</exception>
    public static void CheckCertifiable(FosterFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (family.Status == FosterFamilyStatus.Closed)
        {
            throw new CaseInputException("familyId", $"foster family {family.Reference} left the programme ({family.ClosureReason}); a closed family is not certified.");
        }
    }

    /// <summary>Whether a family may enter the register: it holds a certificate of aptitude.</summary>
    /// <param name="family">The family.</param>
    /// <exception cref="CaseInputException">No certificate (naming <c>familyId</c>).</exception>
    public static void CheckRegistrable(FosterFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (family.CertificateNumber is null)
        {
            throw new CaseInputException("familyId", $"foster family {family.Reference} has no certificate of aptitude; family.certify comes first.");
        }
    }

    /// <summary>The number of a family's certificate of aptitude: <c>{prefix}-{year}-{family reference}</c>; a renewal keeps the first.</summary>
    /// <param name="family">The family.</param>
    /// <param name="prefix">The prefix (<c>Cases:CertificatePrefix</c>).</param>
    /// <param name="year">The year of issue.</param>
    public static string CertificateNumberFor(FosterFamily family, string prefix, int year)
    {
        ArgumentNullException.ThrowIfNull(family);
        return family.CertificateNumber ?? string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{family.Reference}");
    }

    /// <summary>
    /// The status a journey's <c>family.setStatus</c> value stands for: a closure reason (<see cref="FamilyClosureReasons"/>)
    /// closes the family with that reason; a status name is taken as it is.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <exception cref="CaseInputException">Neither (naming <c>status</c>).</exception>
    public static (FosterFamilyStatus Status, string? ClosureReason) FamilyStatusFor(string value)
    {
        if (FamilyClosureReasons.All.Contains(value, StringComparer.Ordinal))
        {
            return (FosterFamilyStatus.Closed, value);
        }

        return FosterFamilyStatuses.TryParse(value, out var status)
            ? (status, null)
            : throw new CaseInputException("status", $"'{value}' is not one of {string.Join(", ", FamilyClosureReasons.All.Concat(Enum.GetValues<FosterFamilyStatus>().Select(FosterFamilyStatuses.ToKey)))}.");
    }

    /// <summary>
    /// The capacity of a new facility: its kind's setting when none is given, and never more than that (the documented
    /// ceiling of the kind).
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <param name="capacity">The capacity asked for, if any.</param>
    /// <param name="defaults">The kind's settings.</param>
    /// <exception cref="CaseInputException">Below 1 or above the ceiling (naming <c>capacity</c>).</exception>
    public static int FacilityCapacity(string kind, int? capacity, FacilityDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var value = capacity ?? defaults.Capacity;
        return value < 1 || value > defaults.Capacity
            ? throw new CaseInputException("capacity", $"a {kind} facility takes 1 to {defaults.Capacity} children (Cases settings).")
            : value;
    }

    /// <summary>
    /// Makes sure the counter row <paramref name="name"/>/<paramref name="year"/> exists (its own save, outside any
    /// command), so that a later <see cref="LockCounterAsync"/> inside a command's transaction finds it. Two callers
    /// inserting it at once is fine: one row stays.
    /// </summary>
    /// <param name="db">A context of the caller's own (not a command's).</param>
    /// <param name="name">The counter.</param>
    /// <param name="year">The year (0 for a counter that is only a lock).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task EnsureCounterAsync(OrchestratorDbContext db, string name, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counters = db.Set<ReferenceCounter>();
        if (await counters.AnyAsync(c => c.Name == name && c.Year == year, ct).ConfigureAwait(false))
        {
            return;
        }

        counters.Add(new ReferenceCounter { Name = name, Year = year, LastNumber = 0 });
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (DatabaseProviders.IsConcurrencyConflict(e))
        {
            // Another caller inserted it first: it exists, which is all this asks.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Updates the counter row inside the caller's transaction, which takes its row lock (PostgreSQL; SQLite serialises
    /// writers anyway): callers that count and then write under the same lock cannot both take the last place.
    /// </summary>
    /// <param name="db">The command's context, in its transaction.</param>
    /// <param name="name">The counter (made by <see cref="EnsureCounterAsync"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="Workflows.WorkflowConflictException">The row is missing (the job runs again, and its attempt makes it).</exception>
    public static async Task LockCounterAsync(OrchestratorDbContext db, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var updated = await db.Set<ReferenceCounter>().Where(c => c.Name == name && c.Year == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), ct).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new Workflows.WorkflowConflictException($"The lock row '{name}' is missing; the job runs again.");
        }
    }

    /// <summary>Formats a reference: <c>CA-2026-0001</c>.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="year">The year.</param>
    /// <param name="number">The number.</param>
    public static string FormatReference(string prefix, int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{number:D4}");

    /// <summary>Splits a comma-separated list of languages into lower-case names.</summary>
    /// <param name="languages">The list.</param>
    public static HashSet<string> LanguagesOf(string? languages) =>
        new((languages ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant()), StringComparer.Ordinal);
}
