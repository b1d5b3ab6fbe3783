using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Administration.Outbox;

/// <summary>
/// <c>/administration/outbox/{id}</c>: one email — its headers and its text and HTML bodies, with email-action links
/// redacted as <c>GET /api/outbox/{id}</c> redacts them (an admin never sees a live link) — and, when it failed, a retry or a dismissal.
/// </summary>
public sealed class EmailModel(OutboxAdministration outbox, IStringLocalizer<AdministrationText> text) : PageModel
{
    /// <summary>The email.</summary>
    public OutboxEmailView Email { get; private set; } = null!;

    /// <summary>Shows the email.</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(Guid id, CancellationToken ct) => Email = await outbox.GetAsync(id, ct).ConfigureAwait(false);

    /// <summary>Sends a failed email again.</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the email.</returns>
    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        ChangeFailedAsync(id, () => outbox.RetryAsync(id, User.ToActor(), ct), "Outbox_Retried");

    /// <summary>Gives up a failed email for good (kept as dismissed; it no longer degrades <c>/health</c>).</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the email.</returns>
    public Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct) =>
        ChangeFailedAsync(id, () => outbox.DismissAsync(id, User.ToActor(), ct), "Outbox_Dismissed");

    /// <summary>Runs a change only a failed email allows and comes back to the email saying how it went.</summary>
    private async Task<IActionResult> ChangeFailedAsync(Guid id, Func<Task> change, string doneKey)
    {
        try
        {
            await change().ConfigureAwait(false);
            TempData["Status"] = text[doneKey].Value;
        }
        catch (WorkflowConflictException)
        {
            TempData["Problem"] = text["Outbox_NotFailed"].Value;
        }

        return Redirect($"/administration/outbox/{id}");
    }
}
