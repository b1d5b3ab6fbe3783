using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Web.Common;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Tasks;

/// <summary>
/// Hands a task to a named colleague (<c>/tasks/{id}/assign</c>, coordinators and admins): the colleague and the reason,
/// which the history keeps. Through <see cref="WorkflowService.AssignAsync"/>, as <c>POST /api/tasks/{id}/assign</c>.
/// </summary>
public sealed class AssignModel(TaskLookup lookup, WorkflowService workflows, StaffDirectory staff, TaskNaming naming, IStringLocalizer<TasksText> text) : PageModel
{
    /// <summary>The task id (from the address).</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>The colleague chosen (account id).</summary>
    [BindProperty]
    public string? Assignee { get; set; }

    /// <summary>Why.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The task.</summary>
    public TaskDetails Details { get; private set; } = null!;

    /// <summary>The task's name as people read it.</summary>
    public string TaskName { get; private set; } = "";

    /// <summary>Who the task can go to.</summary>
    public IReadOnlyList<Colleague> Colleagues { get; private set; } = [];

    /// <summary>What is wrong with the colleague field, or <c>null</c>.</summary>
    public string? AssigneeError { get; private set; }

    /// <summary>What is wrong with the reason, or <c>null</c>.</summary>
    public string? ReasonError { get; private set; }

    /// <summary>Shows the form (coordinators and admins only).</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page, or 403.</returns>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        Assignee = Details.Task.Assignee;
        return Details.MayAssign || Details.Status != TaskStatuses.Open ? Page() : Forbid();
    }

    /// <summary>Assigns the task; on success goes to the inbox saying to whom.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect, or the page with the errors at their fields.</returns>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ReasonError = text["Assign_NoReason"];
        }
        else if (Reason.Trim().Length > WorkflowService.MaxAssignReasonLength)
        {
            ReasonError = text["Assign_ReasonTooLong", WorkflowService.MaxAssignReasonLength];
        }

        var colleague = Colleagues.FirstOrDefault(c => c.Id == Assignee);
        if (colleague is null)
        {
            AssigneeError = text["Assign_NoColleague"];
        }

        if (ReasonError is not null || colleague is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await workflows.AssignAsync(Id, colleague.Id, Reason, User.ToActor(), ct).ConfigureAwait(false);
        TempData["Status"] = text["Assign_Done", TaskName, colleague.Name].Value;
        return LocalRedirect(WorkspacePaths.Inbox);
    }

    /// <summary>A colleague's groups in words.</summary>
    /// <param name="colleague">The colleague.</param>
    /// <returns>The words.</returns>
    public string GroupsOf(Colleague colleague) => naming.Groups(colleague?.Roles ?? []);

    private async Task LoadAsync(CancellationToken ct)
    {
        Details = await lookup.GetAsync(Id, User.ToActor(), ct).ConfigureAwait(false);
        TaskName = naming.Task(Details.Task.ProcessId, Details.Task.ElementId, Details.Task.Name);
        Colleagues = await staff.ColleaguesAsync(ct).ConfigureAwait(false);
    }
}
