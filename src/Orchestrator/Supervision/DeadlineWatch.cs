using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases;
using Orchestrator.Engine.Model;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Supervision;

/// <summary>
/// Deadlines at risk (scoped): every open task with a due date and every pending timer of a journey instance that falls
/// due within N days or is already late — reception's day 45, the fortnightly evaluation, the consulate's reply, a
/// certificate's renewal — soonest first, by case, worker and facility. Tasks and timers are read as two index ranges
/// (<c>ix_user_tasks_status_due</c>, <c>ix_timers_status_due</c>) merged in memory, a page at a time; the counts of the
/// window are index counts. Timer start events (no instance) are not deadlines of a child.
/// </summary>
public sealed class DeadlineWatch(OrchestratorDbContext db, WorkflowRuntime runtime, TimeProvider time, IOptions<OrganisationOptions> organisation)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(organisation.Value.TimeZone);

    /// <summary>The end of a window of <paramref name="days"/> calendar days from today in the organisation's time zone (the last day included).</summary>
    /// <param name="days">Days ahead (0: today).</param>
    /// <returns>The first instant after the window.</returns>
    public DateTimeOffset HorizonOf(int days)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);
        var end = local.Date.AddDays(days + 1);
        return new DateTimeOffset(end, _zone.GetUtcOffset(end)).ToUniversalTime();
    }

    /// <summary>One page of the deadlines of the window, with its counts.</summary>
    /// <param name="query">The window, filters and page.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">A value out of range or a bad cursor (named).</exception>
    public async Task<DeadlinePage> ListAsync(DeadlineQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        Check(query);
        var now = time.GetUtcNow();
        var horizon = HorizonOf(query.Days);
        var (tasks, timers) = await FilteredAsync(query, horizon, ct).ConfigureAwait(false);
        var (taskTotal, taskLate) = await CountAsync(tasks.Select(t => t.Due!.Value), now, ct).ConfigureAwait(false);
        var (timerTotal, timerLate) = await CountTimersAsync(query, timers, horizon, now, ct).ConfigureAwait(false);
        var (items, next) = await PageAsync(tasks, timers, query.After, query.Limit, now, ct).ConfigureAwait(false);
        return new DeadlinePage(items, next, taskTotal + timerTotal, taskLate + timerLate, horizon);
    }

    /// <summary>How many, and how many late, in one pass over the index range.</summary>
    private static async Task<(int Total, int Late)> CountAsync(IQueryable<DateTimeOffset> dues, DateTimeOffset now, CancellationToken ct)
    {
        var counts = await dues.GroupBy(_ => 1).Select(g => new { Total = g.Count(), Late = g.Count(d => d < now) }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return counts is null ? (0, 0) : (counts.Total, counts.Late);
    }

    /// <summary>
    /// The timers of the window. Unfiltered, they are counted from <c>ix_timers_status_due</c> alone (no row read), less
    /// the few timer start events of the window (found through <c>ix_timers_instance_id</c>): the "has an instance" test
    /// would read every row. Filtered, the filters already name instances.
    /// </summary>
    private async Task<(int Total, int Late)> CountTimersAsync(DeadlineQuery query, IQueryable<TimerRecord> timers, DateTimeOffset horizon, DateTimeOffset now, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.CaseReference) || !string.IsNullOrWhiteSpace(query.FacilityId) || !string.IsNullOrWhiteSpace(query.Worker))
        {
            return await CountAsync(timers.Select(t => t.DueAt), now, ct).ConfigureAwait(false);
        }

        var window = db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending && t.DueAt < horizon);
        var all = await CountAsync(window.Select(t => t.DueAt), now, ct).ConfigureAwait(false);
        var starts = await CountAsync(window.Where(t => t.InstanceId == null).Select(t => t.DueAt), now, ct).ConfigureAwait(false);
        return (all.Total - starts.Total, all.Late - starts.Late);
    }

    /// <summary>Every deadline of the window for the filters, in page order (for the CSV export), read a page at a time.</summary>
    /// <param name="query">The window and filters (<see cref="DeadlineQuery.After"/> and <see cref="DeadlineQuery.Limit"/> are ignored).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The deadlines.</returns>
    public async IAsyncEnumerable<Deadline> AllAsync(DeadlineQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        Check(query with { After = null, Limit = 1 });
        var now = time.GetUtcNow();
        var (tasks, timers) = await FilteredAsync(query, HorizonOf(query.Days), ct).ConfigureAwait(false);
        string? after = null;
        do
        {
            var (items, next) = await PageAsync(tasks, timers, after, DeadlineQuery.MaxLimit, now, ct).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }

            db.ChangeTracker.Clear();
            after = next;
        }
        while (after is not null);
    }

    private static void Check(DeadlineQuery query)
    {
        if (query.Days is < 0 or > DeadlineQuery.MaxDays)
        {
            throw new ArgumentException($"days: must be between 0 and {DeadlineQuery.MaxDays} (was {query.Days}).", nameof(query));
        }

        if (query.Limit is < 1 or > DeadlineQuery.MaxLimit)
        {
            throw new ArgumentException($"limit: must be between 1 and {DeadlineQuery.MaxLimit} (was {query.Limit}).", nameof(query));
        }
    }

    private async Task<(IQueryable<TaskRecord> Tasks, IQueryable<TimerRecord> Timers)> FilteredAsync(DeadlineQuery query, DateTimeOffset horizon, CancellationToken ct)
    {
        var tasks = db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Open && t.Due != null && t.Due < horizon);
        var timers = db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending && t.DueAt < horizon && t.InstanceId != null);
        // Filters are uncorrelated sub-queries on instance ids: the database evaluates each once and reads the tasks and
        // timers through their instance_id indexes, instead of testing every row of the window.
        if (!string.IsNullOrWhiteSpace(query.CaseReference))
        {
            var reference = query.CaseReference.Trim();
            var ofCase = db.Instances.Where(i => i.BusinessKey == reference).Select(i => i.Id);
            tasks = tasks.Where(t => ofCase.Contains(t.InstanceId));
            timers = timers.Where(t => ofCase.Contains(t.InstanceId!));
        }

        if (!string.IsNullOrWhiteSpace(query.FacilityId))
        {
            var facility = query.FacilityId.Trim();
            var references = await db.Set<ChildCase>().AsNoTracking().Where(c => c.PlacementId == facility).Select(c => c.Reference).ToListAsync(ct).ConfigureAwait(false);
            var placed = db.Instances.Where(i => i.BusinessKey != null && references.Contains(i.BusinessKey)).Select(i => i.Id);
            tasks = tasks.Where(t => placed.Contains(t.InstanceId));
            timers = timers.Where(t => placed.Contains(t.InstanceId!));
        }

        if (!string.IsNullOrWhiteSpace(query.Worker))
        {
            var worker = query.Worker.Trim();
            var held = db.Tasks.Where(k => k.Status == TaskStatuses.Open && k.Assignee == worker).Select(k => k.InstanceId);
            tasks = tasks.Where(t => t.Assignee == worker);
            timers = timers.Where(t => held.Contains(t.InstanceId!));
        }

        return (tasks, timers);
    }

    /// <summary>
    /// The next page in (due, kind, id) order: tasks before timers at the same instant. Each side reads at most one page
    /// more than needed from its index range; the two are merged.
    /// </summary>
    private async Task<(List<Deadline> Items, string? Next)> PageAsync(IQueryable<TaskRecord> tasks, IQueryable<TimerRecord> timers, string? after, int limit, DateTimeOffset now, CancellationToken ct)
    {
        // string.Compare is translated to the database's "id > @id"; the database's own order of ids is kept below.
#pragma warning disable CA1309
        if (after is not null)
        {
            var (at, keys) = PageCursor.Decode(after, 2);
            var (kind, id) = (keys[0], keys[1]);
            if (kind == Deadline.TaskKind)
            {
                tasks = tasks.Where(t => t.Due > at || (t.Due == at && string.Compare(t.Id, id) > 0));
                timers = timers.Where(t => t.DueAt >= at);
            }
            else
            {
                tasks = tasks.Where(t => t.Due > at);
                timers = timers.Where(t => t.DueAt > at || (t.DueAt == at && string.Compare(t.Id, id) > 0));
            }
        }
#pragma warning restore CA1309

        var taskRows = await tasks.OrderBy(t => t.Due).ThenBy(t => t.Id).Take(limit + 1)
            .Select(t => new Row(Deadline.TaskKind, t.Id, t.InstanceId, t.ProcessId, t.ElementId, t.Due!.Value, t.BusinessKey, t.Assignee, t.Name))
            .ToListAsync(ct).ConfigureAwait(false);
        var timerRows = await timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit + 1)
            .Select(t => new Row(Deadline.TimerKind, t.Id, t.InstanceId!, t.ProcessId, t.ElementId, t.DueAt, null, null, null) { Version = t.ProcessVersion })
            .ToListAsync(ct).ConfigureAwait(false);
        // A stable sort by (due, kind): rows of one kind at one instant keep the database's order, which the cursor's
        // "id > @id" continues from.
        var merged = taskRows.Concat(timerRows).OrderBy(r => r.DueAt).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
        var page = merged.Take(limit).ToList();
        var next = merged.Count > limit ? PageCursor.Encode(page[^1].DueAt, page[^1].Kind, page[^1].Id) : null;
        return (await DescribeAsync(page, now, ct).ConfigureAwait(false), next);
    }

    private async Task<List<Deadline>> DescribeAsync(List<Row> rows, DateTimeOffset now, CancellationToken ct)
    {
        var instanceIds = rows.Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.BusinessKey, i.Version }).ToDictionaryAsync(i => i.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var taskIds = rows.Where(r => r.Kind == Deadline.TaskKind).Select(r => r.Id).ToList();
        var groups = (await db.TaskCandidates.AsNoTracking().Where(c => taskIds.Contains(c.TaskId) && c.Kind == CandidateKinds.Group)
            .Select(c => new { c.TaskId, c.Name }).ToListAsync(ct).ConfigureAwait(false)).ToLookup(c => c.TaskId, c => c.Name, StringComparer.Ordinal);
        var timerInstances = rows.Where(r => r.Kind == Deadline.TimerKind).Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var holders = (await db.Tasks.AsNoTracking().Where(t => timerInstances.Contains(t.InstanceId) && t.Status == TaskStatuses.Open && t.Assignee != null)
            .Select(t => new { t.InstanceId, t.Assignee }).ToListAsync(ct).ConfigureAwait(false)).ToLookup(t => t.InstanceId, t => t.Assignee!, StringComparer.Ordinal);
        var references = instances.Values.Select(i => i.BusinessKey).Concat(rows.Select(r => r.BusinessKey)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var facilities = references.Count == 0
            ? new Dictionary<string, string?>(StringComparer.Ordinal)
            : await db.Set<ChildCase>().AsNoTracking().Where(c => references.Contains(c.Reference))
                .ToDictionaryAsync(c => c.Reference, c => c.PlacementId, StringComparer.Ordinal, ct).ConfigureAwait(false);

        var result = new List<Deadline>(rows.Count);
        foreach (var r in rows)
        {
            var instance = instances.GetValueOrDefault(r.InstanceId);
            var reference = r.BusinessKey ?? instance?.BusinessKey;
            var version = r.Kind == Deadline.TimerKind ? r.Version : instance?.Version ?? 0;
            var process = await DefinitionOrNullAsync(r.ProcessId, version, ct).ConfigureAwait(false);
            var name = r.Kind == Deadline.TimerKind ? DeadlineNames.Timer(process, r.ElementId)
                : process is null && r.TaskName is { Length: > 0 } taskName ? taskName : DeadlineNames.Element(process, r.ElementId);
            result.Add(new Deadline(r.Kind, r.Id, r.InstanceId, r.ProcessId, r.ElementId, name, reference, r.DueAt, r.DueAt < now)
            {
                Workers = r.Kind == Deadline.TaskKind
                    ? r.Assignee is null ? [] : [r.Assignee]
                    : [.. holders[r.InstanceId].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                CandidateGroups = [.. groups[r.Id].Order(StringComparer.Ordinal)],
                FacilityId = reference is null ? null : facilities.GetValueOrDefault(reference),
            });
        }

        return result;
    }

    private async Task<ProcessDefinition?> DefinitionOrNullAsync(string processId, int version, CancellationToken ct)
    {
        if (version <= 0)
        {
            return runtime.Definitions.Latest(processId)?.Definition;
        }

        await runtime.EnsureAsync(db, processId, version, ct).ConfigureAwait(false);
        return runtime.Definitions.Find(processId, version)?.Definition;
    }

    private sealed record Row(string Kind, string Id, string InstanceId, string ProcessId, string ElementId, DateTimeOffset DueAt, string? BusinessKey, string? Assignee, string? TaskName)
    {
        public int Version { get; init; }
    }
}
