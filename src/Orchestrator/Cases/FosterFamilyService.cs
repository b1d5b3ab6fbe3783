using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>
/// The foster-family register: the families that answered the public call, where each is in the programme, and the
/// families a child could be matched with (a read of the child's case file, so checked against the caseload and audited).
/// </summary>
public sealed class FosterFamilyService(OrchestratorDbContext db, TimeProvider time, IOptions<CasesOptions> options, CaseAccess access)
{
    private readonly CasesOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>The foster-family register, optionally of one status.</summary>
    /// <param name="status">A status name, or <c>null</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<FosterFamily>> ListFamiliesAsync(string? status, CancellationToken ct)
    {
        var query = db.FosterFamilies().AsNoTracking();
        if (status is not null)
        {
            if (!FosterFamilyStatuses.TryParse(status, out var s))
            {
                throw new CaseInputException("status", $"'{status}' is not one of {string.Join(", ", Enum.GetValues<FosterFamilyStatus>().Select(FosterFamilyStatuses.ToKey))}.");
            }

            query = query.Where(f => f.Status == s);
        }

        return await query.OrderBy(f => f.Reference).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Registers a family that answered the public call (status <c>applicant</c>).</summary>
    /// <param name="request">The family.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<FosterFamily> RegisterFamilyAsync(NewFamilyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        CaseInput.Require(request.Reference, "reference");
        CaseInput.Require(request.Name, "name");
        if (request.Capacity is not { } capacity || capacity < 1)
        {
            throw new CaseInputException("capacity", "is required and must be at least 1.");
        }

        if (request.PreferredMinAge is { } lo && request.PreferredMaxAge is { } hi && lo > hi)
        {
            throw new CaseInputException("preferredMinAge", "is above preferredMaxAge.");
        }

        var now = time.GetUtcNow();
        var family = new FosterFamily
        {
            Id = string.IsNullOrWhiteSpace(request.Id) ? "family-" + Guid.NewGuid().ToString("N")[..12] : request.Id.Trim(),
            Reference = request.Reference!.Trim(),
            Name = request.Name!,
            Status = FosterFamilyStatus.Applicant,
            Culture = request.Culture,
            Languages = request.Languages ?? "",
            Capacity = capacity,
            PreferredMinAge = request.PreferredMinAge,
            PreferredMaxAge = request.PreferredMaxAge,
            HouseholdNotes = request.HouseholdNotes,
            Email = request.Email,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await db.FosterFamilies().AnyAsync(f => f.Id == family.Id || f.Reference == family.Reference, ct).ConfigureAwait(false))
        {
            throw new WorkflowConflictException($"A foster family with id '{family.Id}' or reference '{family.Reference}' exists already.");
        }

        db.Add(family);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return family;
    }

    /// <summary>
    /// Active families of the register that could take the child, best first: a place left (capacity minus children
    /// placed), the child's age in the preferred range (when both are known), then shared languages and culture.
    /// The read is audited (it reads the case file).
    /// </summary>
    /// <param name="caseId">The case id or reference.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<FamilyMatch>> SuggestFamiliesAsync(string caseId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var child = await db.ChildCases().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        await access.EnsureOnCaseloadAsync(child, actor, ct).ConfigureAwait(false);
        await access.AuditAsync(child.Id, "CaseMatchRead", actor, ct).ConfigureAwait(false);
        var age = child.AgeOn(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var languages = CaseRules.LanguagesOf(child.Languages);
        var families = await db.FosterFamilies().AsNoTracking().Where(f => f.Status == FosterFamilyStatus.Active).ToListAsync(ct).ConfigureAwait(false);
        var ids = families.Select(f => f.Id).ToList();
        var placed = await db.ChildCases().AsNoTracking().Where(c => c.PlacementId != null && ids.Contains(c.PlacementId) && c.Phase != CasePhases.Closed)
            .GroupBy(c => c.PlacementId!).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct).ConfigureAwait(false);
        var matches = new List<FamilyMatch>();
        foreach (var f in families)
        {
            var left = f.Capacity - placed.GetValueOrDefault(f.Id);
            if (left < 1)
            {
                continue;
            }

            if (age is { } a && ((f.PreferredMinAge is { } lo && a < lo) || (f.PreferredMaxAge is { } hi && a > hi)))
            {
                continue;
            }

            var shared = CaseRules.LanguagesOf(f.Languages).Intersect(languages, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var sameCulture = child.Culture is not null && string.Equals(child.Culture, f.Culture, StringComparison.OrdinalIgnoreCase);
            var score = (shared.Count * 2) + (sameCulture ? 3 : 0);
            matches.Add(new FamilyMatch(f.Id, f.Reference, f.Name, left, shared, sameCulture, score));
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.PlacesLeft).ThenBy(m => m.Reference, StringComparer.Ordinal).Take(_options.MaxSuggestions)];
    }
}
