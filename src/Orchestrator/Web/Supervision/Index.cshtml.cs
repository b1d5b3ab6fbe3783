using Microsoft.AspNetCore.Mvc.RazorPages;
using Orchestrator.Supervision;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// <c>/supervision</c>: every deployed journey with its running instances and open incidents per version, each leading
/// to its diagram; a search by case reference (a POST to <c>/supervision/find</c>). Coordinators and admins.
/// </summary>
public sealed class IndexModel(JourneyMonitor monitor) : PageModel
{
    /// <summary>The journeys.</summary>
    public IReadOnlyList<JourneySummary> Journeys { get; private set; } = [];

    /// <summary>Loads the journeys.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct) => Journeys = await monitor.ListJourneysAsync(ct).ConfigureAwait(false);
}
