using Microsoft.AspNetCore.Mvc.Filters;

namespace Orchestrator.Web.Common;

/// <summary>
/// The security headers of every page: a Content-Security-Policy with no inline or remote script (scripts come only
/// from the service's own bundle; inline <em>styles</em> are allowed because bpmn-js and form-js set style attributes),
/// no framing, no referrer to other sites, and <c>Cache-Control: no-store</c> so that a page with a child's data is
/// never kept by a shared computer's browser or a proxy.
/// </summary>
public sealed class PageSecurityHeadersFilter : IAsyncResultFilter
{
    /// <summary>The pages' Content-Security-Policy.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <inheritdoc/>
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Apply(context.HttpContext.Response.Headers);
        return next();
    }

    /// <summary>Sets the headers on a response (also used by the outside person's page).</summary>
    /// <param name="headers">The response headers.</param>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // "no-cache, no-store" as the anti-forgery token generation writes it: any other value there is overridden with
        // a warning in the log on every page that has a form.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
    }
}
