using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Supervision;

/// <summary>
/// The audit (scoped): who read or changed which case when, from the append-only <c>history</c>, newest first,
/// filterable by case, person and date. Reading it is itself audited (<c>AuditRead</c>, <c>AuditExported</c>, with the
/// filters). What a person did is shown; the engine's own bookkeeping (elements entered and left, timers and jobs
/// planned) and the service's work (<c>system</c>) are not. Rows carry names of what was touched, never values
/// (<see cref="AuditEntry"/>): a variable's value, a form's content or a case field never leaves through the audit,
/// whatever the reader's roles.
/// </summary>
public sealed class AuditTrail(OrchestratorDbContext db, TimeProvider time, IOptions<OrganisationOptions> organisation)
{
    /// <summary>History types that record the engine's bookkeeping, not what a person did.</summary>
    public static IReadOnlyList<string> Bookkeeping { get; } =
        ["ElementStarted", "ElementCompleted", "ElementCancelled", "ElementTerminated", "TimerScheduled", "TimerCancelled", "JobCreated", "MessageSubscribed", "ChildInstanceRequested"];

    /// <summary>The detail fields an audit row may show: names of what was touched, never values.</summary>
    private static readonly string[] NamingFields = ["name", "names", "userName", "roles", "from", "to", "caseReference", "userId", "fromDate", "toDate", "processId", "version"];

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(organisation.Value.TimeZone);

    /// <summary>One page of the audit for the filters; the read is audited.</summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">A bad limit, date range or cursor (named).</exception>
    public async Task<AuditPage> ReadAsync(AuditQuery query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        Check(query);
        await RecordReadAsync("AuditRead", query, actor, ct).ConfigureAwait(false);
        return await PageAsync(query, query.After is null ? null : ParseCursor(query.After), query.Limit, ct).ConfigureAwait(false);
    }

    /// <summary>Every row for the filters, newest first (the CSV export); the export is audited once, before the first row.</summary>
    /// <param name="query">Filters (<see cref="AuditQuery.After"/> and <see cref="AuditQuery.Limit"/> are ignored).</param>
    /// <param name="actor">Who exports.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The rows.</returns>
    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, Actor actor, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        Check(query with { After = null, Limit = 1 });
        await RecordReadAsync("AuditExported", query, actor, ct).ConfigureAwait(false);
        long? before = null;
        do
        {
            var page = await PageAsync(query, before, AuditQuery.MaxLimit, ct).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            before = page.Next is null ? null : ParseCursor(page.Next);
        }
        while (before is not null);
    }

    private static void Check(AuditQuery query)
    {
        if (query.Limit is < 1 or > AuditQuery.MaxLimit)
        {
            throw new ArgumentException($"limit: must be between 1 and {AuditQuery.MaxLimit} (was {query.Limit}).", nameof(query));
        }

        if (query.From is { } from && query.To is { } to && to < from)
        {
            throw new ArgumentException($"to: {to:yyyy-MM-dd} is before from ({from:yyyy-MM-dd}).", nameof(query));
        }

        if (query.CaseReference?.Trim().Length > OrchestratorModel.NameLength || query.UserId?.Trim().Length > OrchestratorModel.NameLength)
        {
            throw new ArgumentException($"caseReference, userId: at most {OrchestratorModel.NameLength} characters.", nameof(query));
        }

        _ = query.After is null ? 0 : ParseCursor(query.After);
    }

    private static long ParseCursor(string after) =>
        long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? sequence
            : throw new ArgumentException("after: not a cursor this list gave (use the 'next' value of the previous page).", nameof(after));

    private async Task RecordReadAsync(string type, AuditQuery query, Actor actor, CancellationToken ct)
    {
        var filters = new JsonObject();
        Add(filters, "caseReference", query.CaseReference?.Trim());
        Add(filters, "userId", query.UserId?.Trim());
        Add(filters, "fromDate", query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(filters, "toDate", query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        db.History.Add(new HistoryRecord
        {
            At = time.GetUtcNow(),
            Type = type,
            UserId = ColumnText.Fit(actor.Id, OrchestratorModel.NameLength),
            Detail = filters.Count == 0 ? null : filters.ToJsonString(),
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();

        static void Add(JsonObject o, string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                o[key] = value;
            }
        }
    }

    private async Task<AuditPage> PageAsync(AuditQuery query, long? before, int limit, CancellationToken ct)
    {
        var system = Actor.System.Id;
        var bookkeeping = Bookkeeping.ToList();
        var rows = db.History.AsNoTracking().Where(h => h.UserId != null && h.UserId != system && !bookkeeping.Contains(h.Type));
        if (query.UserId?.Trim() is { Length: > 0 } user)
        {
            rows = rows.Where(h => h.UserId == user);
        }

        if (query.From is { } from)
        {
            var start = StartOf(from);
            rows = rows.Where(h => h.At >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            rows = rows.Where(h => h.At < end);
        }

        if (before is { } sequence)
        {
            rows = rows.Where(h => h.Sequence < sequence);
        }

        List<HistoryRecord> found;
        if (query.CaseReference?.Trim() is { Length: > 0 } reference)
        {
            // Two index ranges, merged: the case's instances (ix_history_instance_sequence) and the reads of its file,
            // which belong to no instance (ix_history_item_without_instance).
            var instanceIds = await db.Instances.AsNoTracking().Where(i => i.BusinessKey == reference).Select(i => i.Id).ToListAsync(ct).ConfigureAwait(false);
            var caseIds = await CaseIdsAsync(reference, ct).ConfigureAwait(false);
            var ofInstances = instanceIds.Count == 0 ? [] : await rows.Where(h => h.InstanceId != null && instanceIds.Contains(h.InstanceId))
                .OrderByDescending(h => h.Sequence).Take(limit + 1).ToListAsync(ct).ConfigureAwait(false);
            var ofFile = caseIds.Count == 0 ? [] : await rows.Where(h => h.InstanceId == null && h.ItemId != null && caseIds.Contains(h.ItemId))
                .OrderByDescending(h => h.Sequence).Take(limit + 1).ToListAsync(ct).ConfigureAwait(false);
            found = [.. ofInstances.Concat(ofFile).OrderByDescending(h => h.Sequence).Take(limit + 1)];
        }
        else
        {
            found = await rows.OrderByDescending(h => h.Sequence).Take(limit + 1).ToListAsync(ct).ConfigureAwait(false);
        }

        var page = found.Take(limit).ToList();
        var next = found.Count > limit ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return new AuditPage(await DescribeAsync(page, ct).ConfigureAwait(false), next);
    }

    /// <summary>The ids of the case files with this reference (one, or none for a reference of no case).</summary>
    private async Task<List<string>> CaseIdsAsync(string reference, CancellationToken ct) =>
        await db.Set<ChildCase>().AsNoTracking().Where(c => c.Reference == reference).Select(c => c.Id).ToListAsync(ct).ConfigureAwait(false);

    private async Task<List<AuditEntry>> DescribeAsync(List<HistoryRecord> rows, CancellationToken ct)
    {
        var instanceIds = rows.Select(r => r.InstanceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var references = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.BusinessKey }).ToDictionaryAsync(i => i.Id, i => i.BusinessKey, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var itemIds = rows.Where(r => r.InstanceId is null).Select(r => r.ItemId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var caseReferences = itemIds.Count == 0 ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await db.Set<ChildCase>().AsNoTracking().Where(c => itemIds.Contains(c.Id)).Select(c => new { c.Id, c.Reference })
                .ToDictionaryAsync(c => c.Id, c => c.Reference, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var accounts = itemIds.Count == 0 ? new Dictionary<string, string?>(StringComparer.Ordinal)
            : await db.Users.AsNoTracking().Where(u => itemIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName })
                .ToDictionaryAsync(u => u.Id, u => u.UserName, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return [.. rows.Select(r =>
        {
            var reference = r.InstanceId is { } instance ? references.GetValueOrDefault(instance)
                : r.ItemId is { } item ? caseReferences.GetValueOrDefault(item) : null;
            var subject = Subject(r.Detail);
            if (subject is null && r.InstanceId is null && r.ItemId is { } account && accounts.GetValueOrDefault(account) is { } userName)
            {
                subject = userName;
            }

            return new AuditEntry(r.Sequence, r.At, r.Type, r.UserId, reference, r.InstanceId, r.ElementId, subject);
        })];
    }

    /// <summary>The naming fields of a row's detail, in words (<c>names: a, b · userName: x</c>); values are never read.</summary>
    private static string? Subject(string? detail)
    {
        if (detail is null)
        {
            return null;
        }

        JsonObject? o;
        try
        {
            o = JsonNode.Parse(detail) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (o is null)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var field in NamingFields)
        {
            var text = o[field] switch
            {
                JsonArray array => string.Join(", ", array.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null).OfType<string>()),
                JsonValue value when value.TryGetValue<string>(out var s) => s,
                JsonValue value when value.TryGetValue<int>(out var n) => n.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (!string.IsNullOrEmpty(text))
            {
                parts.Add(field + ": " + text);
            }
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
