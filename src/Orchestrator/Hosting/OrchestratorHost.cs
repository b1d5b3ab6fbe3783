using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Orchestrator.Api;
using Orchestrator.Cases;
using Orchestrator.Cases.CaseFiles;
using Orchestrator.Designer;
using Orchestrator.Forms;
using Orchestrator.Notifications;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Security;
using Orchestrator.Supervision;
using Orchestrator.Tasks;
using Orchestrator.Web;
using Orchestrator.Workflows;

namespace Orchestrator.Hosting;

/// <summary>
/// Builds the service: configuration (appsettings.json, then environment variables, then the command line), the
/// services of every feature, and the request pipeline. <see cref="Cli.ServeCommand"/> runs it; the tests run the same
/// code through <c>WebApplicationFactory</c>.
/// </summary>
public static class OrchestratorHost
{
    /// <summary>Builds the application.</summary>
    /// <param name="args">The command-line switches (<c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>).</param>
    /// <param name="console">Where the lines for the person starting the service go (stdout).</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Build(string[] args, TextWriter console)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = DefaultEnvironment(args),

            // The pages' stylesheet, icons and client bundle are built beside the executable (not in the directory the
            // service runs in, which is the repository root under `dotnet run`).
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        AddSettingsBesideExecutable(builder.Configuration);
        UseDefaultUrl(builder);
        ConfigureServices(builder, console);

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>
    /// <c>dotnet run</c> (a Debug build) runs in Development unless told otherwise; a Release build (publish) in
    /// Production. <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c> or <c>--environment</c> always win.
    /// </summary>
    private static string? DefaultEnvironment(string[] args)
    {
        var told = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"))
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/environment", StringComparison.OrdinalIgnoreCase));
        if (told)
        {
            return null;
        }
#if DEBUG
        return Environments.Development;
#else
        return null;
#endif
    }

    /// <summary>
    /// The one appsettings.json is read from the content root (the current directory: the repository root when run
    /// as the README says) and, beneath it, from the executable's directory (the copy made by the build), so the
    /// service also starts from any other directory.
    /// </summary>
    private static void AddSettingsBesideExecutable(ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        var index = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: "appsettings.json" })
            {
                index = i;
                break;
            }
        }

        var beside = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        };
        if (index < 0)
        {
            sources.Insert(0, beside);
        }
        else
        {
            sources.Insert(index, beside);
        }
    }

    private static void UseDefaultUrl(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"])
            && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(OrchestratorOptions.DefaultUrl);
        }
    }

    /// <summary>
    /// The services, one line per feature (each feature's <c>Add…</c> is in its own folder, beside its README). The order
    /// matters only for hosted services, which start in the order they are added: the database migration first.
    /// </summary>
    private static void ConfigureServices(WebApplicationBuilder builder, TextWriter console)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(new StartupConsole(console));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOrchestratorOptions(); // the Orchestrator and Organisation settings, checked at start-up
        LimitRequestBodies(builder, configuration);

        services.AddOrchestratorWorkflows(configuration); // persistence and the durable workflow core (Workflows/README.md)
        services.AddHostedService<DatabaseMigration>(); // first of the hosted services: the others may read tables at start.
        services.AddDesigner(); // drafts, checks, deploys with forms and scenarios; forms versioned with the processes (Designer/README.md)
        services.AddForms(); // workflows/forms/*.form, checked on task completion; after the designer, whose versioned check wins (Forms/README.md)
        services.AddSecurity(configuration, builder.Environment.ContentRootPath); // sign-in, API keys, every policy, anti-forgery, the data-protection keys (Api/README.md, Security)
        services.AddNotifications(configuration); // templates, the outbox, letters, email actions (Notifications/README.md)
        services.AddCases(); // the case domain and its job handlers (Cases/README.md)
        services.AddCaseFiles(); // the case file as staff work with it: documents, journeys, registration, list and search (Cases/CaseFiles/README.md)
        services.AddOrchestratorHealthChecks(); // GET /health
        services.AddOrchestratorMetrics(); // the Orchestrator meter and the database command timer
        services.AddHostedService<StartupInitializer>(); // forms, roles, demo accounts, workflows/*.bpmn before the server listens (Api/README.md, Start-up)
        services.AddOrchestratorScheduling(configuration); // Hangfire fires the timer rows; after the migrating initializer (Scheduling/README.md).
        services.AddIdempotencyKeys(); // Api/IdempotencyEffect.cs: the key is written in the command's transaction.
        services.AddWebWorkspace(); // the pages people use (Web/README.md)
        services.AddTaskWorkspace(configuration); // inbox query, task reads, drafts, saved views, live changes (Tasks/README.md)
        services.AddSupervision(); // journeys overview, deadlines, audit (Supervision/README.md)
        services.AddOrchestratorApi(); // problem details, JSON, OpenAPI: what every /api route shares (Api/README.md)
    }

    /// <summary>One limit for every request body (<c>Orchestrator:MaxRequestBodyBytes</c>), in Kestrel and for form posts.</summary>
    private static void LimitRequestBodies(WebApplicationBuilder builder, IConfiguration configuration)
    {
        var maxBody = configuration.GetValue($"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.MaxRequestBodyBytes)}", new OrchestratorOptions().MaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxBody);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebWorkspace(); // static assets, then the language and HTML error pages of page requests
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.Use(IdempotencyFilter.EnableBuffering);
        app.UseRouting();
        app.UseEmailActions(); // the rate limiter of /act (Notifications/EmailActions/README.md)
        app.UseAuthentication();
        Scheduling.HangfireDashboard.UseOrchestratorHangfireDashboard(app); // /hangfire, administrators' cookie only (403 to anyone else), read-only (Scheduling/README.md)
        app.UseAuthorization();
        app.UseMiddleware<AntiforgeryValidationMiddleware>();

        // Outside /api: the health probe, the OpenAPI document, the sign-in cookie's own routes, and the pages.
        app.MapOrchestratorHealth();
        app.MapOpenApi().RequireAuthorization(Policies.AnyRole);
        app.MapAccountEndpoints(); // /account/… (Api/README.md, Security)

        // Every JSON route under /api, one line per feature.
        var api = app.MapOrchestratorApi(); // definitions, instances, tasks, messages, incidents (Api/README.md)
        api.MapStaffEndpoints(); // /api/users (Api/README.md, Staff accounts)
        api.MapNotificationEndpoints(); // /api/outbox and the letters' documents (Notifications/README.md)
        api.MapCasesEndpoints(); // cases, facilities, foster families, open door, programmes (Cases/README.md)
        api.MapCaseFileEndpoints(); // registration, overview, search, journeys, documents (Cases/CaseFiles/README.md)
        api.MapSupervisionEndpoints(); // journeys, deadlines, audit (Supervision/README.md)
        api.MapDesignerEndpoints(); // /api/designer (Designer/README.md)

        app.MapWebWorkspace(); // the pages (Web/README.md)

        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app));
    }

    private static void AnnounceAddresses(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        var console = app.Services.GetRequiredService<StartupConsole>();
        var addresses = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        foreach (var address in addresses ?? [])
        {
            console.WriteLine($"Orchestrator is listening on {address} (open {address.TrimEnd('/')}/ in a browser and sign in with a demo account below; OpenAPI at /openapi/v1.json; health at {Health.Path})");
        }
    }
}
