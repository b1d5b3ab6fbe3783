using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;

namespace Orchestrator.Web.Act;

/// <summary>The outside person's pages that no page handler answers: the rate limiter's "too many requests".</summary>
public static class ActResponses
{
    /// <summary>The Razor view of the rate limiter's page.</summary>
    public const string BusyView = "/Web/Act/Busy.cshtml";

    /// <summary>
    /// Writes the 429 page in the layout and the visitor's language (the rate limiter answers before any page runs, so
    /// the link is not read: the browser's language, else the organisation's).
    /// </summary>
    /// <param name="http">The rejected request.</param>
    /// <returns>A task.</returns>
    public static async Task WriteBusyAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var organisation = http.RequestServices.GetRequiredService<IOptions<OrganisationOptions>>().Value;
        http.Items[ActLanguage.ItemKey] = ActLanguage.CultureOf(ActLanguage.Choose(null, http.Request, organisation.DefaultLanguage));
        ActPageAttribute.Apply(http);
        var result = new ViewResult { ViewName = BusyView, StatusCode = StatusCodes.Status429TooManyRequests };
        await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
    }
}
