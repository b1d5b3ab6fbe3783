using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// Registers and maps the email-action links (issue 5): <c>GET /act/{token}</c> shows the question and never
/// writes; <c>POST /act/{token}</c> answers it. See <c>Notifications/EmailActions/README.md</c>.
/// </summary>
public static class EmailActionsRegistration
{
    /// <summary>The rate-limiter policy of the pages (per client IP).</summary>
    public const string RateLimitPolicy = "email-actions";

    /// <summary>Where the browser libraries built from <c>ClientApp</c> are served.</summary>
    public const string LibraryPath = "/lib";

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
        services.TryAddSingleton(sp =>
        {
            var options = new EmailActionOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(NotificationOptions.Section).Bind(options);
            return options;
        });
        services.TryAddSingleton<EmailActionTokenCodec>();
        services.TryAddSingleton(sp => new EmailActionPages(sp.GetRequiredService<NotificationOptions>()));
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

                var pages = http.RequestServices.GetRequiredService<EmailActionPages>();
                await WriteAsync(http, StatusCodes.Status429TooManyRequests, pages.Busy(pages.Language(null, http.Request))).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>
    /// Adds the middleware the pages need, after <c>UseRouting</c>: the browser libraries under <see cref="LibraryPath"/>
    /// (<c>wwwroot/lib</c> beside the content root or the executable) and the rate limiter.
    /// </summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseEmailActions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var environment = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>();
        var libraries = new[] { Path.Combine(environment.ContentRootPath, "wwwroot", "lib"), Path.Combine(AppContext.BaseDirectory, "wwwroot", "lib") }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "form-js", "form-viewer.umd.js")));
        if (libraries is null)
        {
            EmailActionLog.NoClientLibraries(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmailActionsRegistration)));
        }
        else
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = LibraryPath,
                FileProvider = new PhysicalFileProvider(libraries),
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        }

        app.UseRateLimiter();
        return app;
    }

    /// <summary>Maps <c>GET</c> and <c>POST /act/{token}</c>: anonymous, rate-limited, not in the OpenAPI document.</summary>
    /// <param name="app">The routes.</param>
    public static IEndpointRouteBuilder MapEmailActionEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(EmailActionEffects.RoutePrefix).AllowAnonymous().RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
        group.MapGet("/{token}", ShowAsync);
        group.MapPost("/{token}", SubmitAsync);
        return app;
    }

    private static async Task ShowAsync(HttpContext http, string token, EmailActionService actions, EmailActionPages pages, IAntiforgery antiforgery)
    {
        var view = await actions.FindAsync(token, http.RequestAborted).ConfigureAwait(false);
        if (view is null)
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        var language = pages.Language(view.Token.Language, http.Request);
        switch (view.State)
        {
            case EmailActionState.Answered:
                await WriteAsync(http, StatusCodes.Status409Conflict, pages.Answered(view, language)).ConfigureAwait(false);
                return;
            case EmailActionState.Closed:
                await WriteAsync(http, StatusCodes.Status409Conflict, pages.Closed(view, language)).ConfigureAwait(false);
                return;
        }

        // The anti-forgery cookie is the only thing a GET leaves behind, and it is in the browser, not the database.
        var tokens = antiforgery.GetAndStoreTokens(http);
        var page = view.State == EmailActionState.Expired
            ? pages.Expired(view, language, notified: false, tokens.FormFieldName, tokens.RequestToken!)
            : pages.Answer(view, language, tokens.FormFieldName, tokens.RequestToken!, [], null);
        await WriteAsync(http, view.State == EmailActionState.Expired ? StatusCodes.Status410Gone : StatusCodes.Status200OK, page).ConfigureAwait(false);
    }

    private static async Task SubmitAsync(HttpContext http, string token, EmailActionService actions, EmailActionPages pages, IAntiforgery antiforgery)
    {
        var ct = http.RequestAborted;
        var view = await actions.FindAsync(token, ct).ConfigureAwait(false);
        if (view is null)
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        var language = pages.Language(view.Token.Language, http.Request);
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, pages.Stale(language)).ConfigureAwait(false);
            return;
        }

        var fields = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
        var answer = ReadAnswer(view, fields, out var unreadable);
        EmailActionSubmission result;
        if (unreadable is not null && view.State == EmailActionState.Open)
        {
            result = new EmailActionSubmission(EmailActionOutcome.Invalid, view, [unreadable], null);
        }
        else
        {
            result = await actions.SubmitAsync(view, answer, ct).ConfigureAwait(false);
        }

        switch (result.Outcome)
        {
            case EmailActionOutcome.Completed:
                await WriteAsync(http, StatusCodes.Status200OK, pages.Done(result.View, language)).ConfigureAwait(false);
                break;
            case EmailActionOutcome.AlreadyAnswered:
                await WriteAsync(http, StatusCodes.Status409Conflict, pages.Answered(result.View, language)).ConfigureAwait(false);
                break;
            case EmailActionOutcome.Closed:
                await WriteAsync(http, StatusCodes.Status409Conflict, pages.Closed(result.View, language)).ConfigureAwait(false);
                break;
            case EmailActionOutcome.Expired:
                await WriteAsync(http, StatusCodes.Status410Gone, pages.Expired(result.View, language, notified: true, "", "")).ConfigureAwait(false);
                break;
            default:
                var tokens = antiforgery.GetAndStoreTokens(http);
                await WriteAsync(http, StatusCodes.Status422UnprocessableEntity,
                    pages.Answer(result.View, language, tokens.FormFieldName, tokens.RequestToken!, result.Errors, result.Submitted)).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The answer from the posted fields: <c>data</c> (the form's JSON) or <c>decision</c> + <c>comment</c>.</summary>
    private static JsonObject ReadAnswer(EmailActionView view, IFormCollection fields, out Forms.FormFieldError? unreadable)
    {
        unreadable = null;
        if (view.Form is not null)
        {
            try
            {
                if (JsonNode.Parse(fields["data"].ToString()) is JsonObject data)
                {
                    return data;
                }
            }
            catch (JsonException)
            {
            }

            unreadable = new Forms.FormFieldError("(form)", "the answer did not arrive as the form's data; open the link again");
            return [];
        }

        var answer = new JsonObject();
        var decision = fields["decision"].ToString();
        if (decision is "approve" or "decline")
        {
            answer["approved"] = decision == "approve";
        }

        var comment = fields["comment"].ToString().Trim();
        if (comment.Length > 0)
        {
            answer["comment"] = comment;
        }

        return answer;
    }

    private static Task NotFoundAsync(HttpContext http)
    {
        // Nothing about why: a forged, altered and unknown token all look the same.
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync("Not found", http.RequestAborted);
    }

    private static Task WriteAsync(HttpContext http, int status, string html)
    {
        var headers = http.Response.Headers;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";

        // The token is in the URL: no Referer may carry it to another site (the bpmn.io watermark links out).
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        return http.Response.WriteAsync(html, http.RequestAborted);
    }
}
