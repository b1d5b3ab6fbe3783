using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orchestrator.Security;
using Orchestrator.Web.Common;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Inbox;

/// <summary>
/// The inbox (<c>/</c>): the open tasks of the signed-in person and their groups, in inbox order (due date first), a
/// page at a time with the task list's cursor. Reads through <see cref="WorkflowService.ListTaskPageAsync"/>, the query
/// behind <c>GET /api/tasks</c>, so it shows exactly what the API would.
/// </summary>
public sealed class IndexModel(WorkflowService workflows, IAuthorizationService authorization) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>The cursor of this page (from the previous page's "next" link).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The tasks of this page.</summary>
    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    /// <summary>The cursor of the next page, or <c>null</c>.</summary>
    public string? Next { get; private set; }

    /// <summary>Loads the page; a person without casework (a designer) goes to their own area.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Casework).ConfigureAwait(false)).Succeeded)
        {
            // Designers have no inbox: their work is the designer. Anyone else without casework is refused.
            return User.IsInRole(Roles.Designer) ? LocalRedirect(WorkspacePaths.Designer) : Forbid();
        }

        var page = await workflows.ListTaskPageAsync(new TaskQuery { Limit = PageSize, After = After }, User.ToActor(), ct).ConfigureAwait(false);
        Tasks = page.Tasks;
        Next = page.Next;
        return Page();
    }
}
