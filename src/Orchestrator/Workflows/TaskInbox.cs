using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Workflows;

/// <summary>
/// The inbox query (scoped): one page of the open tasks a person may see, filtered by journey, case, group and view,
/// in inbox order (due date), by creation or by name, keyset-paged; and the counts of every view with the same
/// filters. <see cref="WorkflowService.ListTaskPageAsync"/> and <c>GET /api/tasks</c> answer through it.
/// </summary>
/// <remarks>
/// A person's unfiltered inbox in due order (any view) reads one index range per part and merges them: the tasks they
/// hold (<c>ix_user_tasks_assignee_inbox</c>) and the unclaimed tasks offered to them and to each of their groups
/// (<c>ix_user_task_candidates_inbox</c>), each range narrowed to the view's deadlines (<c>due_sort</c> is the second
/// key of both indexes after the equality prefix). Everything else (coordinators, a journey or case filter, the other
/// orders) is one query on <c>user_tasks</c>.
/// </remarks>
public sealed class TaskInbox
{
    private readonly OrchestratorDbContext _db;
    private readonly TimeProvider _time;
    private readonly InboxCalendar _calendar;

    /// <summary>Creates the inbox query.</summary>
    /// <param name="db">The database.</param>
    /// <param name="time">The clock (now, for the due views).</param>
    /// <param name="calendar">The calendar of queries that name none (the organisation's).</param>
    public TaskInbox(OrchestratorDbContext db, TimeProvider time, InboxCalendar calendar)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
    }

    /// <summary>
    /// One page of the open tasks the actor may see: held by them, or unclaimed and offered to them or one of their
    /// groups (coordinators and admins: every open task), narrowed by the query's filters and view, in its order. The
    /// cursor of the next page names the last task's sort keys, so tasks that end or appear between two pages neither
    /// shift nor repeat the others.
    /// </summary>
    /// <param name="query">Filters, view, order and page.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="TaskQueryException">The limit is out of range, or the cursor is not one this list gave out.</exception>
    public async Task<TaskPage> ListAsync(TaskQuery query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (query.Limit is < 1 or > TaskQuery.MaxLimit)
        {
            throw new TaskQueryException("limit", $"The limit must be between 1 and {TaskQuery.MaxLimit}; it was {query.Limit}.");
        }

        var take = query.Limit + 1;
        var window = Window(query);
        List<string> ids;
        string? next;
        if (query.Sort == TaskSort.Due)
        {
            var after = query.After is null ? null : TaskSortKey.Parse(query.After);
            var keys = UsesIndexParts(query, actor)
                ? await PartKeysAsync(query, actor, window, after, take, ct).ConfigureAwait(false)
                : await InOrder(After(Filtered(query, actor, window), after)).Take(take)
                    .Select(t => new TaskSortKey(t.DueSort, t.Priority, t.CreatedAt, t.Id)).ToListAsync(ct).ConfigureAwait(false);
            next = keys.Count > query.Limit ? keys[query.Limit - 1].ToCursor() : null;
            ids = [.. keys.Take(query.Limit).Select(k => k.Id)];
        }
        else
        {
            var after = query.After is null ? null : TaskListCursor.Parse(query.After, query.Sort);
            var keys = await OtherOrderKeysAsync(query, actor, window, after, take, ct).ConfigureAwait(false);
            next = keys.Count > query.Limit ? keys[query.Limit - 1].ToCursor() : null;
            ids = [.. keys.Take(query.Limit).Select(k => k.Id)];
        }

        if (ids.Count == 0)
        {
            return new TaskPage([], null);
        }

        // Then those rows with their candidates. A task that ended or was claimed by someone else since the first
        // query is left out by the same rules again; the cursor still comes from the keys, so nothing after it is skipped.
        var rows = await _db.Tasks.AsNoTracking().Include(t => t.Candidates).Where(t => ids.Contains(t.Id) && t.Status == TaskStatuses.Open)
            .ToListAsync(ct).ConfigureAwait(false);
        var order = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            order[ids[i]] = i;
        }

        var visible = rows.Where(t => MayList(t, actor)).OrderBy(t => order[t.Id]).ToList();
        var names = await StaffDirectory.NamesAsync(_db, visible.Select(t => t.Assignee), ct).ConfigureAwait(false);
        return new TaskPage([.. visible.Select(t => ToView(t, names))], next);
    }

    /// <summary>
    /// How many tasks each view holds for the actor, with the query's filters (journey, case, group, instance,
    /// assignee); its view, order and page are ignored.
    /// </summary>
    /// <param name="query">The filters.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The counts.</returns>
    public async Task<InboxCounts> CountAsync(TaskQuery query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var calendar = query.Calendar ?? _calendar;
        var now = _time.GetUtcNow();
        var nowTicks = now.UtcTicks;
        var endOfDay = calendar.EndOfDay(now).UtcTicks;
        var endOfWeek = calendar.EndOfWeek(now).UtcTicks;
        var me = actor.Id;
        if (!HasRowFilters(query) && !actor.SeesAllTasks)
        {
            // Two index-range counts: the tasks the person holds, and the distinct unclaimed tasks offered to them.
            var held = Held(_db.Tasks.AsNoTracking(), me);
            if (query.CandidateGroup is { } group)
            {
                held = held.Where(t => t.Candidates.Any(c => c.Kind == CandidateKinds.Group && c.Name == group));
            }

            var mine = await held.GroupBy(t => 1)
                .Select(g => new Tally(g.Count(), g.Count(t => t.DueSort < nowTicks), g.Count(t => t.DueSort >= nowTicks && t.DueSort < endOfDay), g.Count(t => t.DueSort >= nowTicks && t.DueSort < endOfWeek)))
                .ToListAsync(ct).ConfigureAwait(false) is [var heldTally] ? heldTally : Tally.None;
            var offered = await OfferedCandidates(actor, query.CandidateGroup).Select(c => new { c.TaskId, c.DueSort }).Distinct().GroupBy(c => 1)
                .Select(g => new Tally(g.Count(), g.Count(t => t.DueSort < nowTicks), g.Count(t => t.DueSort >= nowTicks && t.DueSort < endOfDay), g.Count(t => t.DueSort >= nowTicks && t.DueSort < endOfWeek)))
                .ToListAsync(ct).ConfigureAwait(false) is [var offeredTally] ? offeredTally : Tally.None;
            return new InboxCounts(mine.Total + offered.Total, mine.Total, offered.Total, mine.Overdue + offered.Overdue, mine.Today + offered.Today, mine.Week + offered.Week);
        }

        var visible = Filtered(query with { View = InboxView.All }, actor, null);
        var all = await visible.GroupBy(t => 1)
            .Select(g => new Tally(g.Count(), g.Count(t => t.DueSort < nowTicks), g.Count(t => t.DueSort >= nowTicks && t.DueSort < endOfDay), g.Count(t => t.DueSort >= nowTicks && t.DueSort < endOfWeek)))
            .ToListAsync(ct).ConfigureAwait(false) is [var visibleTally] ? visibleTally : Tally.None;
        var assigned = await visible.CountAsync(t => t.Assignee == me, ct).ConfigureAwait(false);
        var roles = actor.Roles.ToList();
        var unclaimed = await visible.CountAsync(t => t.Assignee == null
            && t.Candidates.Any(c => (c.Kind == CandidateKinds.User && c.Name == me) || (c.Kind == CandidateKinds.Group && roles.Contains(c.Name))), ct).ConfigureAwait(false);
        return new InboxCounts(all.Total, assigned, unclaimed, all.Overdue, all.Today, all.Week);
    }

    /// <summary>The calendar a service without the organisation's settings uses: the zone BPMN dates are read in, weeks from Sunday.</summary>
    /// <param name="options">The workflow settings.</param>
    /// <returns>The calendar.</returns>
    public static InboxCalendar DefaultCalendar(WorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new InboxCalendar(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), DayOfWeek.Sunday);
    }

    /// <summary>The list's rule (the same as the workflow core's for staff): held by me, or unclaimed and offered to me or my groups.</summary>
    /// <param name="task">The task with its candidates.</param>
    /// <param name="actor">Who asks.</param>
    /// <returns>Whether the actor may see it in a list.</returns>
    internal static bool MayList(TaskRecord task, Actor actor) =>
        actor.SeesAllTasks
        || task.Assignee == actor.Id
        || (task.Assignee is null && task.Candidates.Any(c =>
            (c.Kind == CandidateKinds.User && c.Name == actor.Id) || (c.Kind == CandidateKinds.Group && actor.Roles.Contains(c.Name))));

    /// <summary>A task row as the API shows it, with its assignee's name when <paramref name="names"/> knows it.</summary>
    /// <param name="t">The row with its candidates.</param>
    /// <param name="names">Names by user id.</param>
    /// <returns>The view.</returns>
    internal static TaskView ToView(TaskRecord t, IReadOnlyDictionary<string, string> names) =>
        new(t.Id, t.ElementId, t.Name, t.InstanceId,
            [.. t.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name).Order(StringComparer.Ordinal)],
            t.Assignee, t.Due, t.FormKey)
        {
            Priority = t.Priority,
            Created = t.CreatedAt,
            ProcessId = t.ProcessId,
            BusinessKey = t.BusinessKey,
            CandidateUsers = [.. t.Candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Name).Order(StringComparer.Ordinal)],
            ExternalRecipient = t.ExternalRecipient,
            AssigneeName = t.Assignee is { } a ? StaffDirectory.Describe(a, names) : null,
        };

    private static bool HasRowFilters(TaskQuery q) => q.InstanceId is not null || q.Assignee is not null || q.ProcessId is not null || q.BusinessKey is not null;

    /// <summary>Whether the page can be read as index ranges per part (see the remarks).</summary>
    private static bool UsesIndexParts(TaskQuery q, Actor actor) =>
        !HasRowFilters(q) && (!actor.SeesAllTasks || q.View is InboxView.AssignedToMe or InboxView.MyGroups);

    /// <summary>The due_sort range of the query's view, or <c>null</c> for the views without one.</summary>
    private (long From, long To)? Window(TaskQuery q)
    {
        var calendar = q.Calendar ?? _calendar;
        var now = _time.GetUtcNow();
        return q.View switch
        {
            InboxView.Overdue => (long.MinValue, now.UtcTicks),
            InboxView.DueToday => (now.UtcTicks, calendar.EndOfDay(now).UtcTicks),
            InboxView.DueThisWeek => (now.UtcTicks, calendar.EndOfWeek(now).UtcTicks),
            _ => null,
        };
    }

    private static IQueryable<TaskRecord> Held(IQueryable<TaskRecord> q, string me) => q.Where(t => t.Status == TaskStatuses.Open && t.Assignee == me);

    /// <summary>The candidate rows of unclaimed open tasks offered to the actor or their groups (only <paramref name="group"/> when given).</summary>
    private IQueryable<TaskCandidateRecord> OfferedCandidates(Actor actor, string? group)
    {
        var me = actor.Id;
        if (group is not null)
        {
            return actor.Roles.Contains(group)
                ? _db.TaskCandidates.AsNoTracking().Where(c => c.Kind == CandidateKinds.Group && c.Name == group && c.Offered)
                : _db.TaskCandidates.AsNoTracking().Where(c => false);
        }

        var roles = actor.Roles.ToList();
        return _db.TaskCandidates.AsNoTracking().Where(c => c.Offered
            && ((c.Kind == CandidateKinds.User && c.Name == me) || (c.Kind == CandidateKinds.Group && roles.Contains(c.Name))));
    }

    /// <summary>
    /// A person's inbox in due order without row filters: the tasks they hold, and the unclaimed tasks offered to them
    /// or to each of their groups, every part read in inbox order with a LIMIT (and the view's deadline range) and
    /// merged here. With 100,000 open tasks this reads about (groups + 2) × page rows instead of sorting every open
    /// task of the person's groups.
    /// </summary>
    private async Task<List<TaskSortKey>> PartKeysAsync(TaskQuery query, Actor actor, (long From, long To)? window, TaskSortKey? after, int take, CancellationToken ct)
    {
        var me = actor.Id;
        var parts = new List<TaskSortKey>();
        if (query.View != InboxView.MyGroups)
        {
            var held = Held(_db.Tasks.AsNoTracking(), me);
            if (query.CandidateGroup is { } group)
            {
                held = held.Where(t => t.Candidates.Any(c => c.Kind == CandidateKinds.Group && c.Name == group));
            }

            if (window is var (from, to))
            {
                held = held.Where(t => t.DueSort >= from && t.DueSort < to);
            }

            parts.AddRange(await InOrder(After(held, after)).Take(take).Select(t => new TaskSortKey(t.DueSort, t.Priority, t.CreatedAt, t.Id)).ToListAsync(ct).ConfigureAwait(false));
        }

        if (query.View != InboxView.AssignedToMe)
        {
            var offeredTo = query.CandidateGroup is { } group
                ? (actor.Roles.Contains(group) ? [(CandidateKinds.Group, group)] : [])
                : actor.Roles.Order(StringComparer.Ordinal).Select(r => (CandidateKinds.Group, r)).Prepend((CandidateKinds.User, me)).ToList();
            foreach (var (kind, name) in offeredTo)
            {
                var offered = _db.TaskCandidates.AsNoTracking().Where(c => c.Kind == kind && c.Name == name && c.Offered);
                if (window is var (from, to))
                {
                    offered = offered.Where(c => c.DueSort >= from && c.DueSort < to);
                }

                parts.AddRange(await InOrder(After(offered, after)).Take(take).Select(c => new TaskSortKey(c.DueSort, c.Priority, c.CreatedAt, c.TaskId)).ToListAsync(ct).ConfigureAwait(false));
            }
        }

        // A task offered to the person and to one of their groups comes twice; the keys are equal, so keep one.
        parts.Sort();
        var result = new List<TaskSortKey>(Math.Min(take, parts.Count));
        foreach (var key in parts)
        {
            if (result.Count == take)
            {
                break;
            }

            if (result.Count == 0 || result[^1].Id != key.Id)
            {
                result.Add(key);
            }
        }

        return result;
    }

    /// <summary>The open tasks of the query's filters and view that the actor may see, as one query on <c>user_tasks</c>.</summary>
    private IQueryable<TaskRecord> Filtered(TaskQuery query, Actor actor, (long From, long To)? window)
    {
        var q = _db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Open);
        if (query.InstanceId is { } instanceId)
        {
            q = q.Where(t => t.InstanceId == instanceId);
        }

        if (query.Assignee is { } assignee)
        {
            q = q.Where(t => t.Assignee == assignee);
        }

        if (query.ProcessId is { } processId)
        {
            q = q.Where(t => t.ProcessId == processId);
        }

        if (query.BusinessKey is { } businessKey)
        {
            q = q.Where(t => t.BusinessKey == businessKey);
        }

        if (query.CandidateGroup is { } group)
        {
            q = q.Where(t => t.Candidates.Any(c => c.Kind == CandidateKinds.Group && c.Name == group));
        }

        if (window is var (from, to))
        {
            q = q.Where(t => t.DueSort >= from && t.DueSort < to);
        }

        var me = actor.Id;
        var roles = actor.Roles.ToList();
        return query.View switch
        {
            InboxView.AssignedToMe => q.Where(t => t.Assignee == me),
            InboxView.MyGroups => q.Where(t => t.Assignee == null
                && t.Candidates.Any(c => (c.Kind == CandidateKinds.User && c.Name == me) || (c.Kind == CandidateKinds.Group && roles.Contains(c.Name)))),
            _ when actor.SeesAllTasks => q,
            _ => q.Where(t => t.Assignee == me
                || (t.Assignee == null && t.Candidates.Any(c => (c.Kind == CandidateKinds.User && c.Name == me) || (c.Kind == CandidateKinds.Group && roles.Contains(c.Name))))),
        };
    }

    /// <summary>The keys of a page by creation or by name.</summary>
    private async Task<List<TaskListCursor>> OtherOrderKeysAsync(TaskQuery query, Actor actor, (long From, long To)? window, TaskListCursor? after, int take, CancellationToken ct)
    {
        var q = Filtered(query, actor, window);
#pragma warning disable CA1309 // string.Compare is translated to the database's own "a > b", the order it sorts by.
        if (query.Sort == TaskSort.Created)
        {
            if (after is not null)
            {
                var created = new DateTimeOffset(after.CreatedTicks, TimeSpan.Zero);
                q = q.Where(t => t.CreatedAt > created || (t.CreatedAt == created && string.Compare(t.Id, after.Id) > 0));
            }

            var byCreation = await q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Take(take).Select(t => new { t.CreatedAt, t.Id }).ToListAsync(ct).ConfigureAwait(false);
            return [.. byCreation.Select(t => new TaskListCursor(TaskSort.Created, t.CreatedAt.UtcTicks, "", t.Id))];
        }

        if (after is not null)
        {
            var name = after.Name;
            q = q.Where(t => string.Compare(t.Name ?? t.ElementId, name) > 0 || ((t.Name ?? t.ElementId) == name && string.Compare(t.Id, after.Id) > 0));
        }
#pragma warning restore CA1309

        var byName = await q.OrderBy(t => t.Name ?? t.ElementId).ThenBy(t => t.Id).Take(take).Select(t => new { Name = t.Name ?? t.ElementId, t.Id }).ToListAsync(ct).ConfigureAwait(false);
        return [.. byName.Select(t => new TaskListCursor(TaskSort.Name, 0, t.Name, t.Id))];
    }

    private static IOrderedQueryable<TaskRecord> InOrder(IQueryable<TaskRecord> q) =>
        q.OrderBy(t => t.DueSort).ThenByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);

    private static IOrderedQueryable<TaskCandidateRecord> InOrder(IQueryable<TaskCandidateRecord> q) =>
        q.OrderBy(c => c.DueSort).ThenByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.TaskId);

    // Strictly after the cursor in inbox order. The redundant "due_sort >= " is what the index range starts from; the
    // rest of the comparison filters within that range. string.Compare is translated to the database's "id > @id".
#pragma warning disable CA1309
    private static IQueryable<TaskRecord> After(IQueryable<TaskRecord> q, TaskSortKey? k) => k is null ? q : q.Where(t => t.DueSort >= k.DueSort
        && (t.DueSort > k.DueSort || (t.Priority < k.Priority || (t.Priority == k.Priority
            && (t.CreatedAt > k.Created || (t.CreatedAt == k.Created && string.Compare(t.Id, k.Id) > 0))))));

    private static IQueryable<TaskCandidateRecord> After(IQueryable<TaskCandidateRecord> q, TaskSortKey? k) => k is null ? q : q.Where(c => c.DueSort >= k.DueSort
        && (c.DueSort > k.DueSort || (c.Priority < k.Priority || (c.Priority == k.Priority
            && (c.CreatedAt > k.Created || (c.CreatedAt == k.Created && string.Compare(c.TaskId, k.Id) > 0))))));
#pragma warning restore CA1309

    /// <summary>A count of tasks, and of those overdue, due today and due this week.</summary>
    private sealed record Tally(int Total, int Overdue, int Today, int Week)
    {
        public static Tally None { get; } = new(0, 0, 0, 0);
    }
}
