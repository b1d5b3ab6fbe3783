using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orchestrator.Supervision;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// <c>/supervision/journeys/{processId}</c>: one version of a journey, its diagram with a count where instances wait now
/// and incidents in red, the same counts as a table (the diagram's text alternative), and — for a chosen element — the
/// instances waiting there, a page at a time.
/// </summary>
public sealed class JourneyModel(JourneyMonitor monitor) : PageModel
{
    /// <summary>Rows of waiting instances per page.</summary>
    public const int PageSize = 50;

    /// <summary>The version shown (<c>null</c>: the latest).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    /// <summary>The element whose instances are listed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Element { get; set; }

    /// <summary>The cursor of the instances' page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The overview.</summary>
    public JourneyOverview Overview { get; private set; } = null!;

    /// <summary>The chosen element, when it is one where instances wait.</summary>
    public ElementActivity? Selected { get; private set; }

    /// <summary>The instances waiting at the chosen element.</summary>
    public WaitingInstancePage? Waiting { get; private set; }

    /// <summary>Loads the overview and the chosen element's instances.</summary>
    /// <param name="processId">The journey.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync(string processId, CancellationToken ct)
    {
        Overview = await monitor.GetOverviewAsync(processId, Version, ct).ConfigureAwait(false);
        if (Element is { Length: > 0 } element)
        {
            Selected = Overview.Elements.FirstOrDefault(e => e.ElementId == element);
            try
            {
                Waiting = await monitor.ListWaitingAsync(processId, Overview.Version, element, After, PageSize, ct).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // A cursor from an old link: start again at the first page.
                Waiting = await monitor.ListWaitingAsync(processId, Overview.Version, element, null, PageSize, ct).ConfigureAwait(false);
            }
        }

        return Page();
    }

    /// <summary>The link to this page for another element (the diagram appends the id).</summary>
    public string ElementLink => $"/supervision/journeys/{Uri.EscapeDataString(Overview.ProcessId)}?version={Overview.Version}&element=";
}
