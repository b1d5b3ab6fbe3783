using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>The case tables of the one DbContext (the context itself stays the engine's file).</summary>
public static class CaseSets
{
    /// <summary>Child case files.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<ChildCase> ChildCases(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<ChildCase>();

    /// <summary>Facilities.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<Facility> Facilities(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<Facility>();

    /// <summary>The foster-family register.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<FosterFamily> FosterFamilies(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<FosterFamily>();

    /// <summary>Consulates.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<Consulate> Consulates(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<Consulate>();
}

/// <summary>Why a placement is refused: the BPMN error code and a sentence for the coordinator.</summary>
/// <param name="ErrorCode">A <see cref="CaseErrorCodes"/> value.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlacementRefusal(string ErrorCode, string Message);

/// <summary>The rules of the case domain that both the handlers and the API apply.</summary>
public static class CaseRules
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

/// <summary>Checks staged case rows against their columns' lengths before they are written.</summary>
internal static class CaseLengths
{
    /// <summary>
    /// Throws <see cref="CaseInputException"/> naming the first text that is longer than its column allows (PostgreSQL
    /// would refuse it with a bare error, SQLite would store it whole): the request is answered 400 and nothing is written.
    /// </summary>
    /// <param name="db">The context with the staged rows.</param>
    public static void Check(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.GetMaxLength() is { } max && property.CurrentValue is string text && text.Length > max)
                {
                    var field = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
                    throw new CaseInputException(field, $"is {text.Length} characters long; at most {max} are kept.");
                }
            }
        }
    }
}

/// <summary>
/// Bad input to a case operation (a missing or unknown value), naming the field; nothing was changed. An
/// <see cref="ArgumentException"/>, so the API answers 400 with its message; a job handler turns it into a failure.
/// </summary>
public sealed class CaseInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public CaseInputException()
        : this("input", "is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public CaseInputException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CaseInputException(string message, Exception innerException)
        : base(message, innerException) => Field = "input";

    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field or variable.</param>
    /// <param name="problem">What is wrong with it.</param>
    public CaseInputException(string field, string problem)
        : base($"{field}: {problem}") => Field = field;

    /// <summary>The field or variable.</summary>
    public string Field { get; }
}
