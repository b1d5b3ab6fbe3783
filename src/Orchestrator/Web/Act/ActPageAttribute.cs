using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Orchestrator.Web.Act;

/// <summary>
/// What the outside person's page answers with beyond the workspace's headers: its own language (the link's, which the
/// request localisation of staff pages does not know), no <c>Referer</c> at all (the link's token is in the URL and the
/// bpmn.io watermark links out), a policy that allows no connection, and no indexing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActPageAttribute : ResultFilterAttribute
{
    /// <summary>The page's Content-Security-Policy: scripts and styles of the service only (form-js sets style attributes), nothing fetched.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <inheritdoc/>
    public override async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Apply(context.HttpContext);

        // Set here, around the rendering of the result: a culture set inside the page's handler would not reach the view.
        await next().ConfigureAwait(false);
    }

    /// <summary>Sets the page's headers and culture (also for the rate limiter's page, which no filter runs for).</summary>
    /// <param name="http">The request.</param>
    public static void Apply(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Response.Headers;
        Common.PageSecurityHeadersFilter.Apply(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        if (http.Items[ActLanguage.ItemKey] is CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
