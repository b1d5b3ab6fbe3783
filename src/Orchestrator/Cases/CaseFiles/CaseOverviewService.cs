using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The cases list and the search for a child (scoped). Both show the reference and the initials, never a name; both
/// keep to the reader's caseload (<see cref="CaseloadFilter"/>) and are audited (<c>CaseListRead</c>, <c>CaseSearch</c>
/// with the references found, not the words searched).
/// </summary>
public sealed class CaseOverviewService(OrchestratorDbContext db, TimeProvider time)
{
    /// <summary>The most cases the list shows.</summary>
    public const int MaxRows = 500;

    /// <summary>The most cases a search returns.</summary>
    public const int MaxHits = 50;

    /// <summary>The cases <paramref name="actor"/> may see that match <paramref name="query"/>, with their task counts and (for those who see every case) the caseload per worker.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The list.</returns>
    /// <exception cref="CaseInputException">The phase is not one of the phases.</exception>
    public async Task<CaseOverview> ListAsync(CaseOverviewQuery query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (query.Phase is { } wanted && !CasePhases.All.Contains(wanted, StringComparer.Ordinal))
        {
            throw new CaseInputException("phase", $"'{wanted}' is not one of {string.Join(", ", CasePhases.All)}.");
        }

        var mine = db.ChildCases().AsNoTracking().OnCaseloadOf(db, actor);
        var filtered = query.Phase is { } phase ? mine.Where(c => c.Phase == phase) : mine.Where(c => c.Phase != CasePhases.Closed);
        if (!string.IsNullOrWhiteSpace(query.FacilityId))
        {
            filtered = filtered.Where(c => c.PlacementId == query.FacilityId);
        }

        if (!string.IsNullOrWhiteSpace(query.Educator))
        {
            filtered = filtered.Where(c => c.ReferenceEducator == query.Educator);
        }

        var rows = await filtered.OrderBy(c => c.Reference).Take(MaxRows + 1)
            .Select(c => new { c.Id, c.Reference, c.GivenNames, c.FamilyNames, c.Phase, c.PhaseSince, c.PlacementType, c.PlacementId, c.ReferenceEducator })
            .ToListAsync(ct).ConfigureAwait(false);
        var truncated = rows.Count > MaxRows;
        rows = [.. rows.Take(MaxRows)];

        var now = time.GetUtcNow();
        var references = rows.Select(r => r.Reference).ToList();
        var tasks = await (
                from t in db.Tasks.AsNoTracking()
                join i in db.Instances.AsNoTracking() on t.InstanceId equals i.Id
                where t.Status == TaskStatuses.Open && i.BusinessKey != null && references.Contains(i.BusinessKey)
                select new { Reference = i.BusinessKey!, t.Due })
            .ToListAsync(ct).ConfigureAwait(false);
        var counts = tasks.GroupBy(t => t.Reference, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Open: g.Count(), Overdue: g.Count(t => t.Due is { } due && due < now)), StringComparer.Ordinal);

        // Filter choices come from the cases the reader may see, so they name no facility or educator of other caseloads.
        var choices = await mine.Where(c => c.Phase != CasePhases.Closed).Select(c => new { c.PlacementId, c.ReferenceEducator }).ToListAsync(ct).ConfigureAwait(false);
        var placements = await PlacementNamesAsync(rows.Select(r => r.PlacementId).Concat(choices.Select(c => c.PlacementId)), ct).ConfigureAwait(false);
        var people = await StaffNames.ResolveAsync(db, rows.Select(r => r.ReferenceEducator).Concat(choices.Select(c => c.ReferenceEducator)), ct).ConfigureAwait(false);
        string? Person(string? key) => key is null ? null : people.GetValueOrDefault(key, key);

        var list = rows.Select(r =>
        {
            var (open, overdue) = counts.GetValueOrDefault(r.Reference);
            return new CaseOverviewRow(r.Id, r.Reference, FoldedText.Initials(r.GivenNames, r.FamilyNames), r.Phase, r.PhaseSince, r.PlacementType, r.PlacementId,
                r.PlacementId is null ? null : placements.GetValueOrDefault(r.PlacementId, r.PlacementId), Person(r.ReferenceEducator), open, overdue);
        }).ToList();

        var workers = CaseloadFilter.SeesEveryCase(actor) ? await WorkersAsync(now, ct).ConfigureAwait(false) : [];
        CaseFileAudit.Add(db, null, "CaseListRead", actor, now, new JsonObject
        {
            ["phase"] = query.Phase,
            ["facilityId"] = query.FacilityId,
            ["educator"] = query.Educator,
            ["count"] = list.Count,
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();

        return new CaseOverview(list, truncated, workers,
            [.. choices.Select(c => c.ReferenceEducator).OfType<string>().Distinct(StringComparer.Ordinal).Select(e => new KeyValuePair<string, string>(e, Person(e)!)).OrderBy(p => p.Value, StringComparer.CurrentCulture)],
            [.. choices.Select(c => c.PlacementId).OfType<string>().Distinct(StringComparer.Ordinal).Select(p => new KeyValuePair<string, string>(p, placements.GetValueOrDefault(p, p))).OrderBy(p => p.Value, StringComparer.CurrentCulture)]);
    }

    /// <summary>
    /// Finds cases by the child's names (every word the start of a name, without case or accents: "mar lop" finds
    /// Marta López) or by reference, among those <paramref name="actor"/> may see. The search is audited with the
    /// references it found; the words searched are not stored.
    /// </summary>
    /// <param name="text">A name or a case reference.</param>
    /// <param name="actor">Who searches.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>At most <see cref="MaxHits"/> cases, exact reference first.</returns>
    /// <exception cref="CaseInputException">Nothing to search for.</exception>
    public async Task<IReadOnlyList<CaseSearchHit>> SearchAsync(string? text, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var folded = FoldedText.Of(text);
        if (folded.Length == 0)
        {
            throw new CaseInputException("text", "is required: a child's name or a case reference.");
        }

        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // Names are compared in the service, not in SQL: without case and accents on every provider alike. Only the
        // reader's caseload is read.
        var candidates = await db.ChildCases().AsNoTracking().OnCaseloadOf(db, actor)
            .Select(c => new { c.Id, c.Reference, c.GivenNames, c.FamilyNames, c.Phase })
            .ToListAsync(ct).ConfigureAwait(false);
        var hits = candidates
            .Select(c =>
            {
                var reference = FoldedText.Of(c.Reference);
                var names = FoldedText.Of($"{c.GivenNames} {c.FamilyNames}").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var rank = reference == folded ? 0
                    : reference.Contains(folded, StringComparison.Ordinal) ? 1
                    : words.All(w => names.Any(n => n.StartsWith(w, StringComparison.Ordinal))) ? 2
                    : -1;
                return (Case: c, Rank: rank);
            })
            .Where(x => x.Rank >= 0)
            .OrderBy(x => x.Rank).ThenBy(x => x.Case.Reference, StringComparer.Ordinal)
            .Take(MaxHits)
            .Select(x => new CaseSearchHit(x.Case.Id, x.Case.Reference, FoldedText.Initials(x.Case.GivenNames, x.Case.FamilyNames), x.Case.Phase))
            .ToList();

        CaseFileAudit.Add(db, null, "CaseSearch", actor, time.GetUtcNow(), new JsonObject
        {
            ["count"] = hits.Count,
            ["references"] = new JsonArray([.. hits.Select(h => (JsonNode)h.Reference)]),
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return hits;
    }

    /// <summary>Every worker's caseload over the open cases: cases they are the reference educator of, and tasks assigned to them.</summary>
    private async Task<IReadOnlyList<WorkerCaseload>> WorkersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var open = db.ChildCases().AsNoTracking().Where(c => c.Phase != CasePhases.Closed);
        var educators = await open.Where(c => c.ReferenceEducator != null).GroupBy(c => c.ReferenceEducator!)
            .Select(g => new { Key = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var assigned = await (
                from t in db.Tasks.AsNoTracking()
                join i in db.Instances.AsNoTracking() on t.InstanceId equals i.Id
                join c in open on i.BusinessKey equals c.Reference
                where t.Status == TaskStatuses.Open && t.Assignee != null
                select new { Assignee = t.Assignee!, c.Reference, t.Due })
            .ToListAsync(ct).ConfigureAwait(false);

        // A reference educator is stored as a user name or id, an assignee as an id: both are brought to the person.
        var keys = educators.Select(e => e.Key).Concat(assigned.Select(a => a.Assignee)).Distinct(StringComparer.Ordinal).ToList();
        var normalised = keys.Select(k => k.ToUpperInvariant()).ToList();
        var users = await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id) || normalised.Contains(u.NormalizedUserName!))
            .Select(u => new { u.Id, u.UserName, u.NormalizedUserName, u.DisplayName }).ToListAsync(ct).ConfigureAwait(false);
        string PersonOf(string key) => (users.FirstOrDefault(u => u.Id == key) ?? users.FirstOrDefault(u => string.Equals(u.NormalizedUserName, key.ToUpperInvariant(), StringComparison.Ordinal)))?.Id ?? key;
        string NameOf(string person) => users.FirstOrDefault(u => u.Id == person) is { } u ? (string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? person : u.DisplayName) : person;

        var byPerson = new Dictionary<string, (int Educator, HashSet<string> Cases, int Tasks, int Overdue)>(StringComparer.Ordinal);
        (int Educator, HashSet<string> Cases, int Tasks, int Overdue) Get(string person) =>
            byPerson.TryGetValue(person, out var v) ? v : (0, new HashSet<string>(StringComparer.Ordinal), 0, 0);
        foreach (var e in educators)
        {
            var person = PersonOf(e.Key);
            var v = Get(person);
            byPerson[person] = (v.Educator + e.Count, v.Cases, v.Tasks, v.Overdue);
        }

        foreach (var a in assigned)
        {
            var person = PersonOf(a.Assignee);
            var v = Get(person);
            v.Cases.Add(a.Reference);
            byPerson[person] = (v.Educator, v.Cases, v.Tasks + 1, v.Overdue + (a.Due is { } due && due < now ? 1 : 0));
        }

        return [.. byPerson.Select(p => new WorkerCaseload(NameOf(p.Key), p.Value.Educator, p.Value.Cases.Count, p.Value.Tasks, p.Value.Overdue))
            .OrderByDescending(w => w.OpenTasks + w.ReferenceEducatorOf).ThenBy(w => w.Name, StringComparer.CurrentCulture)];
    }

    private async Task<Dictionary<string, string>> PlacementNamesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var list = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (list.Count == 0)
        {
            return names;
        }

        foreach (var f in await db.Facilities().AsNoTracking().Where(f => list.Contains(f.Id)).Select(f => new { f.Id, f.Name }).ToListAsync(ct).ConfigureAwait(false))
        {
            names[f.Id] = f.Name;
        }

        foreach (var f in await db.FosterFamilies().AsNoTracking().Where(f => list.Contains(f.Id)).Select(f => new { f.Id, f.Reference }).ToListAsync(ct).ConfigureAwait(false))
        {
            names[f.Id] = f.Reference;
        }

        return names;
    }
}
