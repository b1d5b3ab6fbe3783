namespace Orchestrator.Web.Common;

/// <summary>Tells a request for a page (HTML for a person) from one for the JSON API, the health check or a link.</summary>
public static class WebRequests
{
    private static readonly string[] NotPages = ["/api", "/openapi", "/health", "/act", "/hangfire", "/account/antiforgery", "/account/me", "/account/session"];

    /// <summary>
    /// Whether <paramref name="context"/> asks for a page: not under the API's prefixes, and either a browser's GET
    /// (it accepts HTML) or a form post. Such requests get the language of the person and HTML error pages.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns><c>true</c> for a page request.</returns>
    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        foreach (var prefix in NotPages)
        {
            if (request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return request.HasFormContentType
            || ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
