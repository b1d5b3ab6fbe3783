using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tasks;
using Orchestrator.Web.Common;
using Orchestrator.Web.Tasks;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Inbox;

/// <summary>
/// The inbox (<c>/</c>): the person's open tasks by view (all, assigned to me, my groups unclaimed, overdue, due today,
/// due this week), filtered by journey, case reference and group, in due order, by creation or by name, a page at a
/// time; claim and give back; the views the person saved or that their groups share. Counts arrive after the list
/// (<c>?handler=counts</c>), and the list refreshes itself when a task changes anywhere (<c>?handler=rows</c>, told by
/// <c>GET /api/tasks/events</c>). Reads through <see cref="TaskInbox"/>, the query behind <c>GET /api/tasks</c>.
/// </summary>
public sealed class IndexModel(
    TaskInbox inbox,
    SavedInboxViews savedViews,
    WorkflowService workflows,
    TaskLookup lookup,
    TaskNaming naming,
    DisplayFormat format,
    IAuthorizationService authorization,
    IStringLocalizer<InboxText> text) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>The cursor of this page (from the previous page's "next" link).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The view's word (<see cref="InboxParameters"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    /// <summary>The order's word.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Only this journey (process id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Journey { get; set; }

    /// <summary>Only this case reference.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Case { get; set; }

    /// <summary>Only tasks offered to this group.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    /// <summary>The saved view being shown, if the person opened one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Saved { get; set; }

    /// <summary>The view shown.</summary>
    public InboxView CurrentView { get; private set; }

    /// <summary>The order shown.</summary>
    public TaskSort CurrentSort { get; private set; }

    /// <summary>The tasks of this page.</summary>
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    /// <summary>The cursor of the next page, or <c>null</c>.</summary>
    public string? Next { get; private set; }

    /// <summary>The journeys a filter can choose (process ids).</summary>
    public IReadOnlyList<string> Journeys { get; private set; } = [];

    /// <summary>The groups a filter can choose (the person's; every casework group for coordinators).</summary>
    public IReadOnlyList<string> Groups { get; private set; } = [];

    /// <summary>The person's saved views and those shared with their groups.</summary>
    public IReadOnlyList<SavedInboxView> SavedViews { get; private set; } = [];

    /// <summary>The signed-in person.</summary>
    public Actor Me { get; private set; } = Actor.System;

    /// <summary>Whether any filter narrows the list.</summary>
    public bool Filtered => Journey is not null || Case is not null || Group is not null;

    /// <summary>The saved view shown, when it is the person's own (they may update it).</summary>
    public SavedInboxView? OwnSavedView => SavedViews.FirstOrDefault(v => v.Id == Saved && v.IsOwn);

    /// <summary>This list's address, page included (where the row forms come back to).</summary>
    public string ListAddress => After is null ? Address(Filters(), Saved) : QueryHelpers.AddQueryString(Address(Filters(), Saved), "after", After);

    /// <summary>Shows the list; a person without casework (a designer) goes to their own area.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync().ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await LoadListAsync(ct).ConfigureAwait(false);
        var definitions = await workflows.ListDefinitionsAsync(ct).ConfigureAwait(false);
        Journeys = [.. definitions.Select(d => d.ProcessId).Distinct(StringComparer.Ordinal).OrderBy(naming.Journey, StringComparer.CurrentCultureIgnoreCase)];
        Groups = Me.SeesAllTasks ? Roles.CareStaff : [.. Roles.CareStaff.Where(Me.Roles.Contains)];
        SavedViews = await savedViews.ListAsync(Me, withCounts: false, null, ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The list alone (table and paging), for the page's live refresh.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The partial page.</returns>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        if (await RefuseAsync().ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await LoadListAsync(ct).ConfigureAwait(false);
        return Partial("_InboxList", this);
    }

    /// <summary>The counts of every view with this page's filters, and of every saved view (JSON).</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns><c>{views: {all: n, …}, saved: {id: n}}</c>.</returns>
    public async Task<IActionResult> OnGetCountsAsync(CancellationToken ct)
    {
        if (await RefuseAsync().ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var counts = await inbox.CountAsync(Filters().ToQuery() with { Calendar = Calendar }, Me, ct).ConfigureAwait(false);
        var saved = await savedViews.ListAsync(Me, withCounts: true, Calendar, ct).ConfigureAwait(false);
        return new JsonResult(new
        {
            views = InboxParameters.AllViews.ToDictionary(InboxParameters.Name, counts.Of, StringComparer.Ordinal),
            saved = saved.ToDictionary(v => v.Id.ToString(), v => v.Count ?? 0, StringComparer.Ordinal),
        });
    }

    /// <summary>Claims a task for the person and comes back to the list.</summary>
    /// <param name="id">The task.</param>
    /// <param name="returnUrl">The list's address.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect.</returns>
    public async Task<IActionResult> OnPostClaimAsync(string id, string? returnUrl, CancellationToken ct)
    {
        try
        {
            var task = await workflows.ClaimAsync(id, User.ToActor(), ct).ConfigureAwait(false);
            TempData["Status"] = text["Claimed", naming.Task(task.ProcessId, task.ElementId, task.Name)].Value;
        }
        catch (WorkflowConflictException)
        {
            TempData["Problem"] = await WhyNotAsync(id, ct).ConfigureAwait(false);
        }

        return Back(returnUrl);
    }

    /// <summary>Gives a task back to its groups and comes back to the list.</summary>
    /// <param name="id">The task.</param>
    /// <param name="returnUrl">The list's address.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect.</returns>
    public async Task<IActionResult> OnPostUnclaimAsync(string id, string? returnUrl, CancellationToken ct)
    {
        try
        {
            var task = await workflows.UnclaimAsync(id, User.ToActor(), ct).ConfigureAwait(false);
            TempData["Status"] = text["Unclaimed", naming.Task(task.ProcessId, task.ElementId, task.Name), naming.Groups(task.CandidateGroups)].Value;
        }
        catch (WorkflowConflictException)
        {
            TempData["Problem"] = await WhyNotAsync(id, ct).ConfigureAwait(false);
        }

        return Back(returnUrl);
    }

    /// <summary>Saves the list's filters and order as a new view, or updates the person's own view shown.</summary>
    /// <param name="viewName">The name.</param>
    /// <param name="share">A group to share it with, or empty.</param>
    /// <param name="update">The id of the person's own view to update, or <c>null</c> for a new one.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect to the saved view.</returns>
    public async Task<IActionResult> OnPostSaveViewAsync(string? viewName, string? share, Guid? update, CancellationToken ct)
    {
        var me = User.ToActor();
        var filters = Filters();
        try
        {
            var view = update is { } id
                ? await savedViews.UpdateAsync(id, viewName, filters, share, me, ct).ConfigureAwait(false)
                : await savedViews.CreateAsync(viewName, filters, share, me, ct).ConfigureAwait(false);
            TempData["Status"] = text[update is null ? "ViewSaved" : "ViewUpdated", view.Name].Value;
            return LocalRedirect(Address(view.Filters, view.Id));
        }
        catch (ArgumentException e)
        {
            TempData["Problem"] = text["ViewNotSaved", e.Message].Value;
            return LocalRedirect(Address(filters, Saved));
        }
    }

    /// <summary>Deletes one of the person's saved views.</summary>
    /// <param name="id">The view.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect to the inbox.</returns>
    public async Task<IActionResult> OnPostDeleteViewAsync(Guid id, CancellationToken ct)
    {
        var me = User.ToActor();
        var view = await savedViews.GetAsync(id, me, ct).ConfigureAwait(false);
        await savedViews.DeleteAsync(id, me, ct).ConfigureAwait(false);
        TempData["Status"] = text["ViewDeleted", view.Name].Value;
        return LocalRedirect(WorkspacePaths.Inbox);
    }

    /// <summary>The address of the inbox with these filters (and the saved view they come from).</summary>
    /// <param name="filters">The filters.</param>
    /// <param name="saved">The saved view, or <c>null</c>.</param>
    /// <returns>A local address.</returns>
    public static string Address(InboxFilters filters, Guid? saved = null)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["view"] = filters.View,
            ["sort"] = filters.Sort,
            ["journey"] = filters.Journey,
            ["case"] = filters.Case,
            ["group"] = filters.Group,
            ["saved"] = saved?.ToString(),
        };
        return QueryHelpers.AddQueryString(WorkspacePaths.Inbox, query.Where(kv => kv.Value is not null));
    }

    /// <summary>This list's address in another view (the other filters kept; a saved view's name no longer applies).</summary>
    /// <param name="view">The view.</param>
    /// <returns>A local address.</returns>
    public string AddressOf(InboxView view) =>
        Address(Filters() with { View = view == InboxView.All ? null : InboxParameters.Name(view) });

    /// <summary>This list's next page.</summary>
    /// <returns>A local address.</returns>
    public string NextAddress() => QueryHelpers.AddQueryString(Address(Filters(), Saved), "after", Next ?? "");

    /// <summary>This list's first page.</summary>
    /// <returns>A local address.</returns>
    public string FirstAddress() => Address(Filters(), Saved);

    /// <summary>The filters and order of this list, normalised.</summary>
    /// <returns>The filters.</returns>
    public InboxFilters Filters() => new InboxFilters(
        CurrentView == InboxView.All ? null : InboxParameters.Name(CurrentView),
        CurrentSort == TaskSort.Due ? null : InboxParameters.Name(CurrentSort),
        Journey, Case, Group);

    /// <summary>The person's calendar: the organisation's time zone, the week of the page's language.</summary>
    private InboxCalendar Calendar => new(format.Zone, CultureInfo.CurrentCulture.DateTimeFormat.FirstDayOfWeek);

    private async Task<IActionResult?> RefuseAsync()
    {
        if ((await authorization.AuthorizeAsync(User, Policies.Casework).ConfigureAwait(false)).Succeeded)
        {
            Me = User.ToActor();
            Normalise();
            return null;
        }

        // Designers have no inbox: their work is the designer. Anyone else without casework is refused.
        return User.IsInRole(Roles.Designer) ? LocalRedirect(WorkspacePaths.Designer) : Forbid();
    }

    private void Normalise()
    {
        CurrentView = InboxParameters.TryParseView(View, out var view) ? view : InboxView.All;
        CurrentSort = InboxParameters.TryParseSort(Sort, out var sort) ? sort : TaskSort.Due;
        Journey = Blank(Journey);
        Case = Blank(Case);
        Group = Blank(Group);
    }

    private async Task LoadListAsync(CancellationToken ct)
    {
        var query = Filters().ToQuery(PageSize) with { After = Blank(After), Calendar = Calendar };
        TaskPage page;
        try
        {
            page = await inbox.ListAsync(query, Me, ct).ConfigureAwait(false);
        }
        catch (TaskQueryException)
        {
            // An old or edited "next page" link: start from the first page again.
            After = null;
            page = await inbox.ListAsync(query with { After = null }, Me, ct).ConfigureAwait(false);
        }

        Tasks = page.Tasks;
        Next = page.Next;
    }

    /// <summary>Why a claim or give-back lost its race, in words: who holds the task now, or that it ended.</summary>
    private async Task<string> WhyNotAsync(string id, CancellationToken ct)
    {
        var task = await lookup.GetAsync(id, User.ToActor(), ct).ConfigureAwait(false);
        var name = naming.Task(task.Task.ProcessId, task.Task.ElementId, task.Task.Name);
        return task.Status switch
        {
            TaskStatuses.Completed => text["TaskCompletedBy", name, task.EndedByName ?? "—"].Value,
            TaskStatuses.Cancelled => text["TaskCancelled", name].Value,
            _ when task.Task.AssigneeName is { } holder => text["TaskClaimedBy", name, holder].Value,
            _ => text["TaskChanged", name].Value,
        };
    }

    private LocalRedirectResult Back(string? returnUrl) => LocalRedirect(AccountEndpoints.IsLocal(returnUrl) ? returnUrl! : WorkspacePaths.Inbox);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
