using Microsoft.AspNetCore.Mvc.RazorPages;
using Orchestrator.Security;

namespace Orchestrator.Web.Administration.Staff;

/// <summary><c>/administration/staff</c>: every staff account with its roles and whether it is locked (admins).</summary>
public sealed class IndexModel(StaffAdministration staff, TimeProvider time) : PageModel
{
    /// <summary>The accounts, by user name.</summary>
    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];

    /// <summary>Now (to tell a lockout that has run out).</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Loads the accounts.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct) => Accounts = await staff.ListAsync(ct).ConfigureAwait(false);
}
