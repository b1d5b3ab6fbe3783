using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Orchestrator.Web.Errors;

/// <summary>
/// The page a person sees when a page cannot be shown: what happened and what to do next, in their language. Reached
/// by re-execution (status-code pages and the exception handler of page requests), never by a link; the original
/// status code is kept.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status shown (400, 401, 403, 404, 409, 500, 503; others read as 500 or 400).</summary>
    public int Code { get; private set; }

    /// <summary>The resource key prefix of the words for <see cref="Code"/>.</summary>
    public string Key => Code switch
    {
        400 or 401 or 403 or 404 or 409 or 503 => "E" + Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        413 => "E413",
        >= 500 => "E500",
        _ => "E400",
    };

    /// <summary>Where the person was (for the sign-in link of a 401).</summary>
    public string? OriginalPath { get; private set; }

    /// <summary>Shows the error of a re-executed request (any method: a failed form post re-executes as a POST).</summary>
    /// <param name="code">The status code from the route.</param>
    /// <returns>The page.</returns>
    public IActionResult OnGet(int code) => Show(code);

    /// <inheritdoc cref="OnGet"/>
    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        Code = failure is not null
            ? (Persistence.DatabaseOutage.IsOutage(failure.Error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError)
            : reExecuted is null ? StatusCodes.Status404NotFound : code;
        OriginalPath = reExecuted?.OriginalPath ?? failure?.Path;
        Response.StatusCode = Code;
        if (Code == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = Persistence.DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}
