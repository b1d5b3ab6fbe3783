using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases;
using Orchestrator.Cases.CaseFiles;
using Orchestrator.Security;

namespace Orchestrator.Web.Cases;

/// <summary>
/// The cases list (<c>/cases</c>): for coordinators and data managers every case, by phase, place and reference
/// educator, with open and overdue tasks per case and the caseload per worker; for other staff the cases on their
/// caseload. The search for a child by name or reference is a POST form on the same page, so that no name is ever in a
/// URL; its results show the reference and the initials. Reads through <see cref="CaseOverviewService"/> (audited).
/// </summary>
public sealed class IndexModel(CaseOverviewService overview, IAuthorizationService authorization, IStringLocalizer<CasesText> text) : PageModel
{
    /// <summary>Only this phase (<c>null</c>: every phase but closed).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Phase { get; set; }

    /// <summary>Only children living at this facility or with this family.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Place { get; set; }

    /// <summary>Only children with this reference educator.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Educator { get; set; }

    /// <summary>What the person searched for (posted, never in the URL).</summary>
    [BindProperty]
    public string? Text { get; set; }

    /// <summary>The list.</summary>
    public CaseOverview Overview { get; private set; } = new([], false, [], [], []);

    /// <summary>The search's results, after a search.</summary>
    public IReadOnlyList<CaseSearchHit>? Hits { get; private set; }

    /// <summary>What is wrong with the search, if anything.</summary>
    public string? SearchError { get; private set; }

    /// <summary>Whether the person sees every case (else the list is their caseload).</summary>
    public bool SeesEveryCase { get; private set; }

    /// <summary>Whether the person may register a child.</summary>
    public bool CanRegister { get; private set; }

    /// <summary>Shows the list.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Phase is { Length: > 0 } phase && !CasePhases.All.Contains(phase, StringComparer.Ordinal))
        {
            // A phase no longer known (an old bookmark): the open cases, not an error.
            Phase = null;
        }

        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Searches by name or reference and shows the results with the list.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        Phase = Place = Educator = null;
        try
        {
            Hits = await overview.SearchAsync(Text, User.ToActor(), ct).ConfigureAwait(false);
        }
        catch (CaseInputException e)
        {
            SearchError = CaseInputMessages.Translate(e, text);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        SeesEveryCase = CaseloadFilter.SeesEveryCase(actor);
        CanRegister = (await authorization.AuthorizeAsync(User, Policies.CasesWrite).ConfigureAwait(false)).Succeeded;
        Overview = await overview.ListAsync(new CaseOverviewQuery(Empty(Phase), Empty(Place), Empty(Educator)), actor, ct).ConfigureAwait(false);
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
