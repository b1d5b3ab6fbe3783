using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Orchestrator.Security;

namespace Orchestrator.Scheduling;

/// <summary>
/// Hangfire's Dashboard at <see cref="Path"/> when Hangfire runs the timers: for administrators signed in with the
/// service's cookie only — anyone else (anonymous, another role, an API key) gets 403 — and read-only (it shows the
/// jobs; retrying or deleting one is never needed: the rows are the truth and the sweep repairs a lost firing). It
/// sends the security headers of the service's pages: a Content-Security-Policy that allows the dashboard's own scripts
/// and styles (<c>'unsafe-inline'</c> for styles only, as the pages do), no framing, no sniffing, no referrer.
/// </summary>
public static class HangfireDashboard
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/hangfire";

    /// <summary>The dashboard's Content-Security-Policy.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Serves the dashboard when Hangfire is this node's scheduler (after authentication, before the anti-forgery check of the API).</summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseOrchestratorHangfireDashboard(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<HangfireWorkflowScheduler>() is not { } scheduler)
        {
            return app;
        }

        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
            if (!cookie.Succeeded || !cookie.Principal.IsInRole(Roles.Admin))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.User = cookie.Principal;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context).ConfigureAwait(false);
        }));
        return app.UseHangfireDashboard(Path, new DashboardOptions
        {
            // The gate above let only administrators through; the dashboard's own check is that gate's result.
            Authorization = [new AdministratorsOnly()],
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
            DashboardTitle = "Orchestrator · timers and jobs",
            AppPath = null,
        }, scheduler.Storage);
    }

    /// <summary>The dashboard's authorization: the request's user (set by the cookie gate) is an administrator.</summary>
    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
