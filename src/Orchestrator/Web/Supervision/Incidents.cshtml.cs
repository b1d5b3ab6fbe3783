using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Supervision;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// <c>/supervision/incidents</c>: what failed — each open incident with its error, the element (on its journey's
/// diagram) and the case; retry one or a selection (each retry is a history row with who did it), or open the instance to
/// repair its variables first. Admins also see how many emails could not be sent (the outbox page lists them).
/// </summary>
public sealed class IncidentsModel(WorkflowService workflows, JourneyMonitor monitor, OutboxAdministration outbox, IStringLocalizer<SupervisionText> text) : PageModel
{
    /// <summary>The open incidents.</summary>
    public IReadOnlyList<IncidentSummary> Incidents { get; private set; } = [];

    /// <summary>Emails that could not be sent (admins only; <c>null</c> for others).</summary>
    public int? FailedEmails { get; private set; }

    /// <summary>The incidents chosen for a retry.</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    /// <summary>One incident to retry (its row's button).</summary>
    [BindProperty]
    public string? One { get; set; }

    /// <summary>Shows the incidents.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Incidents = await monitor.ListIncidentsAsync(ct).ConfigureAwait(false);
        if (User.IsInRole(Roles.Admin))
        {
            FailedEmails = await outbox.CountFailedAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Retries one incident or the selected ones and says how many moved on.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the list.</returns>
    public async Task<IActionResult> OnPostRetryAsync(CancellationToken ct)
    {
        var ids = One is { Length: > 0 } one ? [one] : Selected.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            TempData["Problem"] = text["Incidents_ChooseFirst"].Value;
            return Redirect("/supervision/incidents");
        }

        var actor = User.ToActor();
        var retried = new List<string>();
        var gone = 0;
        var instances = (await workflows.ListIncidentsAsync(ct).ConfigureAwait(false)).ToDictionary(i => i.Id, i => i.InstanceId, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            try
            {
                await workflows.RetryIncidentAsync(id, actor, ct).ConfigureAwait(false);
                retried.Add(id);
            }
            catch (Exception e) when (e is WorkflowConflictException or WorkflowNotFoundException)
            {
                gone++;
            }
        }

        // A retry that fails again raises a new incident on the same instance and element.
        var open = await workflows.ListIncidentsAsync(ct).ConfigureAwait(false);
        var retriedInstances = retried.Select(r => instances.GetValueOrDefault(r)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var failedAgain = open.Count(i => retriedInstances.Contains(i.InstanceId));
        TempData["Status"] = text["Incidents_Retried", retried.Count, retried.Count - failedAgain, failedAgain].Value
            + (gone > 0 ? " " + text["Incidents_Gone", gone].Value : "");
        return Redirect("/supervision/incidents");
    }
}
