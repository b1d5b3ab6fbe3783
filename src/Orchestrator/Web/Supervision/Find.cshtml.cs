using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;
using Orchestrator.Supervision;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// <c>/supervision/find</c>: the instances of a case, found by its reference. The reference is posted (never in a URL,
/// like a search by name) and the search is audited by <see cref="JourneyMonitor.FindByCaseReferenceAsync"/>.
/// </summary>
public sealed class FindModel(JourneyMonitor monitor, IStringLocalizer<SupervisionText> text) : PageModel
{
    /// <summary>The reference searched.</summary>
    [BindProperty]
    public string? CaseReference { get; set; }

    /// <summary>The instances found (<c>null</c> before a search).</summary>
    public IReadOnlyList<InstanceFound>? Found { get; private set; }

    /// <summary>What is wrong with the reference.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Searches.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page with the results, or the error at the field.</returns>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(CaseReference) || CaseReference.Trim().Length > 200)
        {
            Error = text["Find_Required"];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Found = await monitor.FindByCaseReferenceAsync(CaseReference, User.ToActor(), ct).ConfigureAwait(false);
        return Page();
    }
}
