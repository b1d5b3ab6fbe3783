using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orchestrator.Notifications.Outbox;

namespace Orchestrator.Web.Administration.Outbox;

/// <summary><c>/administration/outbox</c>: the emails by status (failed first), newest first, with their counts (admins).</summary>
public sealed class IndexModel(OutboxAdministration outbox) : PageModel
{
    /// <summary>Rows shown.</summary>
    public const int Shown = 200;

    /// <summary>The statuses in the order the page offers them: what needs an admin first.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [OutboxStatuses.Failed, OutboxStatuses.Pending, OutboxStatuses.Sent, OutboxStatuses.Dismissed];

    /// <summary>The status shown (<c>failed</c>, <c>pending</c>, <c>sent</c>; none: all).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Emails per status.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    /// <summary>The emails.</summary>
    public IReadOnlyList<OutboxItemView> Emails { get; private set; } = [];

    /// <summary>Loads the emails.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Status is not null && !Statuses.Contains(Status, StringComparer.Ordinal))
        {
            Status = null;
        }

        Counts = await outbox.CountsAsync(ct).ConfigureAwait(false);
        Emails = await outbox.ListAsync(Status, Shown, ct).ConfigureAwait(false);
    }
}
