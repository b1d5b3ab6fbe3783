using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Tasks;

/// <summary>
/// Inbox views people save on the server (scoped): a name for a set of filters and an order, kept by its owner and,
/// when shared with a group, shown to every member of that group. Only the owner changes or deletes one. Each comes
/// with its live count (<see cref="TaskInbox.CountAsync"/>) when asked.
/// </summary>
public sealed class SavedInboxViews(OrchestratorDbContext db, TaskInbox inbox, TimeProvider time)
{
    /// <summary>The most views one person may own.</summary>
    public const int MaxPerOwner = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The views the actor owns and those shared with one of their groups, by name.</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="withCounts">Whether to count each view's tasks for the actor now.</param>
    /// <param name="calendar">The calendar of the counts' due views (<c>null</c>: the organisation's).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The views.</returns>
    public async Task<IReadOnlyList<SavedInboxView>> ListAsync(Actor actor, bool withCounts, InboxCalendar? calendar, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var me = actor.Id;
        var groups = actor.Roles.ToList();
        var rows = await db.InboxViews.AsNoTracking()
            .Where(v => v.OwnerId == me || (v.SharedWithGroup != null && groups.Contains(v.SharedWithGroup)))
            .ToListAsync(ct).ConfigureAwait(false);
        var names = await StaffDirectory.NamesAsync(db, rows.Select(r => r.OwnerId), ct).ConfigureAwait(false);
        var views = rows.Select(r => ToView(r, actor, names))
            .OrderBy(v => v.IsOwn ? 0 : 1).ThenBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(v => v.Id).ToList();
        if (!withCounts)
        {
            return views;
        }

        var counted = new List<SavedInboxView>(views.Count);
        foreach (var view in views)
        {
            var query = view.Filters.ToQuery() with { Calendar = calendar };
            var counts = await inbox.CountAsync(query, actor, ct).ConfigureAwait(false);
            counted.Add(view with { Count = counts.Of(query.View) });
        }

        return counted;
    }

    /// <summary>One view the actor may see.</summary>
    /// <param name="id">The id.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view.</returns>
    /// <exception cref="WorkflowNotFoundException">No such view, or not one the actor may see.</exception>
    public async Task<SavedInboxView> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await FindAsync(id, actor, ct).ConfigureAwait(false);
        return ToView(row, actor, await StaffDirectory.NamesAsync(db, [row.OwnerId], ct).ConfigureAwait(false));
    }

    /// <summary>Saves a new view owned by the actor.</summary>
    /// <param name="name">Its name (1–100 characters).</param>
    /// <param name="filters">What it shows.</param>
    /// <param name="sharedWithGroup">A group of the actor's to share it with, or <c>null</c>.</param>
    /// <param name="actor">Who saves it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">A name, filter or group that cannot be saved (the message names the field).</exception>
    public async Task<SavedInboxView> CreateAsync(string? name, InboxFilters? filters, string? sharedWithGroup, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (cleanName, cleanFilters, group) = Check(name, filters, sharedWithGroup, actor);
        var me = actor.Id;
        if (await db.InboxViews.CountAsync(v => v.OwnerId == me, ct).ConfigureAwait(false) >= MaxPerOwner)
        {
            throw new ArgumentException($"name: you already have {MaxPerOwner} saved views; delete one first.", nameof(name));
        }

        var now = time.GetUtcNow();
        var row = new InboxViewRecord
        {
            Id = Guid.NewGuid(),
            OwnerId = me,
            Name = cleanName,
            SharedWithGroup = group,
            Filters = JsonSerializer.Serialize(cleanFilters, Json),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.InboxViews.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return ToView(row, actor, await StaffDirectory.NamesAsync(db, [me], ct).ConfigureAwait(false));
    }

    /// <summary>Changes a view (its owner only): name, filters, sharing.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">Its name.</param>
    /// <param name="filters">What it shows.</param>
    /// <param name="sharedWithGroup">A group of the owner's, or <c>null</c> to stop sharing.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view.</returns>
    /// <exception cref="WorkflowNotFoundException">No such view the actor may see.</exception>
    /// <exception cref="WorkflowForbiddenException">The view is shared with the actor but not theirs.</exception>
    /// <exception cref="ArgumentException">A name, filter or group that cannot be saved.</exception>
    public async Task<SavedInboxView> UpdateAsync(Guid id, string? name, InboxFilters? filters, string? sharedWithGroup, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await OwnAsync(id, actor, ct).ConfigureAwait(false);
        var (cleanName, cleanFilters, group) = Check(name, filters, sharedWithGroup, actor);
        row.Name = cleanName;
        row.Filters = JsonSerializer.Serialize(cleanFilters, Json);
        row.SharedWithGroup = group;
        row.UpdatedAt = time.GetUtcNow();
        db.InboxViews.Update(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return ToView(row, actor, await StaffDirectory.NamesAsync(db, [row.OwnerId], ct).ConfigureAwait(false));
    }

    /// <summary>Deletes a view (its owner only).</summary>
    /// <param name="id">The id.</param>
    /// <param name="actor">Who deletes it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such view the actor may see.</exception>
    /// <exception cref="WorkflowForbiddenException">The view is shared with the actor but not theirs.</exception>
    public async Task DeleteAsync(Guid id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await OwnAsync(id, actor, ct).ConfigureAwait(false);
        db.InboxViews.Remove(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    private async Task<InboxViewRecord> FindAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var row = await db.InboxViews.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct).ConfigureAwait(false);
        if (row is null || (row.OwnerId != actor.Id && (row.SharedWithGroup is null || !actor.Roles.Contains(row.SharedWithGroup))))
        {
            throw new WorkflowNotFoundException($"No saved view '{id}'.");
        }

        return row;
    }

    private async Task<InboxViewRecord> OwnAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var row = await FindAsync(id, actor, ct).ConfigureAwait(false);
        return row.OwnerId == actor.Id
            ? row
            : throw new WorkflowForbiddenException("Only the person who saved this view may change or delete it; save a copy of your own instead.");
    }

    private static (string Name, InboxFilters Filters, string? Group) Check(string? name, InboxFilters? filters, string? sharedWithGroup, Actor actor)
    {
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length == 0)
        {
            throw new ArgumentException("name: give the view a name.", nameof(name));
        }

        if (cleanName.Length > TaskWorkspaceModel.ViewNameLength)
        {
            throw new ArgumentException($"name: at most {TaskWorkspaceModel.ViewNameLength} characters (it has {cleanName.Length}).", nameof(name));
        }

        var clean = (filters ?? InboxFilters.None).Normalised();
        foreach (var (field, value) in new[] { ("filters.journey", clean.Journey), ("filters.case", clean.Case), ("filters.group", clean.Group) })
        {
            if (value is { Length: > OrchestratorModel.NameLength })
            {
                throw new ArgumentException($"{field}: at most {OrchestratorModel.NameLength} characters.", nameof(filters));
            }
        }

        var group = string.IsNullOrWhiteSpace(sharedWithGroup) ? null : sharedWithGroup.Trim();
        if (group is not null && !actor.Roles.Contains(group))
        {
            throw new ArgumentException($"sharedWithGroup: you can share a view only with a group you belong to ({string.Join(", ", actor.Roles.Order(StringComparer.Ordinal))}); '{group}' is not one.", nameof(sharedWithGroup));
        }

        return (cleanName, clean, group);
    }

    private static SavedInboxView ToView(InboxViewRecord row, Actor actor, IReadOnlyDictionary<string, string> names) =>
        new(row.Id, row.Name, JsonSerializer.Deserialize<InboxFilters>(row.Filters, Json) ?? InboxFilters.None, row.OwnerId,
            StaffDirectory.Describe(row.OwnerId, names), row.SharedWithGroup, row.OwnerId == actor.Id);
}
