using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// Registers the email-action links: <c>GET /act/{token}</c> shows the question and never writes;
/// <c>POST /act/{token}</c> answers it. The page is a Razor Page of the workspace (<c>Web/Act/</c>, its layout and
/// resources); this registers what it uses and its rate limit. See <c>Notifications/EmailActions/README.md</c>.
/// </summary>
public static class EmailActionsServiceCollectionExtensions
{
    /// <summary>The rate-limiter policy of the pages (per client IP).</summary>
    public const string RateLimitPolicy = "email-actions";

    /// <summary>
    /// Registers the token codec, the <see cref="IWorkflowEffects"/> that issues links, the service behind the
    /// pages, the expiry report (<see cref="EmailActionExpiryScheduler"/>: a Hangfire job per link as its expiry comes
    /// near, repaired by the scheduler's sweep) and the pages' rate limit (<c>Notifications:EmailActionRateLimit</c> per <c>Notifications:EmailActionRateWindow</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddEmailActions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection();
        services.AddOptions<EmailActionOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.EmailActionRateWindow > TimeSpan.Zero, "Notifications:EmailActionRateWindow must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<EmailActionOptions>>().Value);
        services.TryAddSingleton<EmailActionTokenCodec>();
        services.AddSingleton<IWorkflowEffects, EmailActionEffects>();
        services.TryAddScoped<EmailActionService>();
        services.TryAddScoped<EmailActionExpiryNotifier>();
        services.TryAddSingleton<EmailActionExpiryScheduler>();
        services.AddHostedService<EmailActionExpiryStartup>();
        services.AddSingleton(new Scheduling.ScheduleRepair("email-action-expiry", (sp, dueBefore, ct) => sp.GetRequiredService<EmailActionExpiryScheduler>().RescheduleAsync(dueBefore, ct)));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<EmailActionOptions>();
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.EmailActionRateLimit), Window = options.EmailActionRateWindow, QueueLimit = 0 });
            });
            // OnRejected is one for every policy: other features' rejections keep the bare 429.
            limiter.OnRejected = async (rejected, ct) =>
            {
                var http = rejected.HttpContext;
                if (!http.Request.Path.StartsWithSegments(EmailActionEffects.RoutePrefix, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Web.Act.ActResponses.WriteBusyAsync(http).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>
    /// Adds the rate limiter the pages need (after <c>UseRouting</c>, so that it sees the pages' endpoint and its
    /// <see cref="RateLimitPolicy"/>). The pages themselves are Razor Pages of the workspace (<c>Web/Act/</c>).
    /// </summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseEmailActions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }
}
