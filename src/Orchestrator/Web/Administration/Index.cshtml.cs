using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Orchestrator.Web.Administration;

/// <summary><c>/administration</c>: what the person may administer — staff accounts and the outbox (admins), the audit (data managers and admins).</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Shows the choices.</summary>
    public void OnGet()
    {
    }
}
