using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Security;
using Orchestrator.Web.Common;

namespace Orchestrator.Web;

/// <summary>
/// The workspace people use in the browser: server-rendered Razor Pages under <c>Web/</c>, one folder per area (Account,
/// Inbox, Tasks, Cases, Supervision, Designer, Administration, the outside person's page), a shared layout, es-MX and
/// English resources beside each area, one stylesheet and one client bundle (<c>ClientApp/</c>, built into
/// <c>wwwroot/dist</c>). Pages call the same services the JSON API calls; they never reach the database another way.
/// </summary>
public static class WebWorkspace
{
    /// <summary>The languages of the pages: Mexican Spanish first, then English.</summary>
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [CultureInfo.GetCultureInfo("es-MX"), CultureInfo.GetCultureInfo("en")];

    /// <summary>Adds Razor Pages (rooted at <c>Web/</c>), localisation, the page filters and static-asset compression.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWebWorkspace(this IServiceCollection services)
    {
        services.AddLocalization();

        // Spanish as it is written ("Iniciar sesión", not "Iniciar sesi&#xF3;n"): Razor encodes only what HTML needs.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Web";
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Errors/Error");
                options.Conventions.AuthorizeFolder("/Tasks", Policies.Casework);
                options.Conventions.AuthorizeFolder("/Cases", Policies.CasesRead);
                options.Conventions.AuthorizePage("/Cases/New", Policies.CasesWrite);
                options.Conventions.AuthorizeFolder("/Supervision", Policies.Supervise); // coordinators and admins (Supervision/)
                options.Conventions.AuthorizeFolder("/Administration", Policies.Audit).AuthorizeFolder("/Administration/Staff", Policies.Admin).AuthorizeFolder("/Administration/Outbox", Policies.Admin); // the audit for data managers too
                options.Conventions.AuthorizeFolder("/Designer", Policies.Design); // the designer
            })
            .AddMvcOptions(options =>
            {
                options.Filters.Add<PageSecurityHeadersFilter>();
                options.Filters.Add<WorkflowExceptionPageFilter>();
            });
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<OrganisationOptions>>((localization, organisation) =>
        {
            localization.SupportedCultures = [.. Cultures];
            localization.SupportedUICultures = [.. Cultures];
            localization.DefaultRequestCulture = new RequestCulture(organisation.Value.DefaultLanguage == "en" ? Cultures[1] : Cultures[0]);
            localization.FallBackToParentCultures = true;
            localization.FallBackToParentUICultures = true;

            // The person's own choice (the language button), then the browser's; no query-string switch (links stay clean).
            localization.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddScoped<WorkspaceChrome>();
        services.AddScoped<DisplayFormat>();
        services.AddScoped<Tasks.TaskNaming>();

        // Only the static assets are compressed: they hold no secret, so compression over TLS leaks nothing (pages carry
        // anti-forgery tokens, and compressing them beside attacker-chosen text is the BREACH attack).
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml", "font/ttf", "application/font-woff"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return services;
    }

    /// <summary>
    /// The pages' part of the pipeline, right after the API's exception handler and status-code pages: static assets
    /// (before authentication, so the sign-in page's stylesheet and the favicon need no cookie), then, for page
    /// requests only, the language and friendly error pages (the API keeps answering problem details).
    /// </summary>
    /// <param name="app">The application.</param>
    public static void UseWebWorkspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                // Scripts and stylesheets are linked with ?v=<content hash> (asp-append-version): a new build is a new URL.
                var versioned = file.Context.Request.Query.ContainsKey("v");
                file.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        app.UseWhen(WebRequests.IsPageRequest, pages =>
        {
            pages.UseRequestLocalization();
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
    }

    /// <summary>Maps the pages and the language switch.</summary>
    /// <param name="app">The routes.</param>
    public static void MapWebWorkspace(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        app.MapGet(WorkspacePaths.Logo, (IOptions<OrganisationOptions> organisation) =>
                OrganisationLogo.Find(organisation.Value) is { } logo ? Results.File(logo.Path, logo.ContentType) : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/language", (Func<HttpContext, Task<IResult>>)SetLanguage).AllowAnonymous().ExcludeFromDescription()
            .WithMetadata(AntiforgeryRequiredMetadata.Instance);
    }

    /// <summary>
    /// The language button: keeps the choice in the standard culture cookie for a year and returns to the page. A
    /// language the pages do not have is ignored.
    /// </summary>
    private static async Task<IResult> SetLanguage(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var culture = Cultures.FirstOrDefault(c => string.Equals(c.Name, form["culture"], StringComparison.OrdinalIgnoreCase));
        if (culture is not null)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        var back = form["returnUrl"].ToString();
        return Results.LocalRedirect(AccountEndpoints.IsLocal(back) ? back : "/");
    }
}
