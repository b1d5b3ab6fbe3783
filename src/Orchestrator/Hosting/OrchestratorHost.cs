using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Orchestrator.Api;
using Orchestrator.Designer;
using Orchestrator.Forms;
using Orchestrator.Notifications;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Persistence;
using Orchestrator.Security;
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

    private static void ConfigureServices(WebApplicationBuilder builder, TextWriter console)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(new StartupConsole(console));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OrchestratorOptions>().Bind(configuration.GetSection(OrchestratorOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes > 0, "Orchestrator:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<OrganisationOptions>().BindConfiguration(OrganisationOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name), "Organisation:Name must not be empty.")
            .Validate(o => o.DefaultLanguage is "es" or "en", "Organisation:DefaultLanguage must be 'es' or 'en'.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Organisation:TimeZone must be an IANA time zone id such as America/Mexico_City.")
            .ValidateOnStart();
        var maxBody = configuration.GetValue($"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.MaxRequestBodyBytes)}", new OrchestratorOptions().MaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            kestrel.AddServerHeader = false;
        });
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxBody);

        // Persistence and the durable workflow core (issue 4, persistence engineer).
        services.AddOrchestratorWorkflows(configuration);
        services.AddHostedService<DatabaseMigration>(); // first of the hosted services: the others may read tables at start.

        services.AddOrchestratorDesigner(); // issue 14: drafts, checks, deploys with forms and scenarios; forms versioned with the processes (Designer/README.md)

        // Task forms: every workflows/forms/*.form, checked on task completion (422 naming the fields).
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ResolveWorkflowsDirectory(sp.GetRequiredService<IHostEnvironment>());
            var validator = new FormValidator(timeProvider: sp.GetRequiredService<TimeProvider>());
            return directory is null ? new FormCatalog([], validator) : FormCatalog.Load(Path.Combine(directory, "forms"), validator);
        });
        services.TryAddSingleton<ITaskFormValidator>(sp => new CatalogTaskFormValidator(sp.GetRequiredService<FormCatalog>()));

        services.AddOrchestratorSecurity(configuration);
        services.AddOrchestratorNotifications(configuration);
        Cases.CaseServiceCollectionExtensions.AddCases(services); // the case domain, its job handlers and API policies (Cases/README.md)
        Cases.CaseFiles.CaseFilesRegistration.AddCaseFiles(services); // the case file as staff work with it: documents, journeys, registration, list and search (Cases/CaseFiles/README.md)
        // The keys that seal sign-in cookies, anti-forgery fields and email-action links: in the database on PostgreSQL
        // and SQL Server, so that a link emailed by one node opens on another; in a folder beside the SQLite file
        // otherwise (one node).
        var dataProtection = services.AddDataProtection().SetApplicationName("Orchestrator");
        if (DatabaseProviders.Parse(configuration["Database:Provider"]) is DatabaseProvider.PostgreSql or DatabaseProvider.SqlServer)
        {
            dataProtection.PersistKeysToDbContext<OrchestratorDbContext>();
        }
        else
        {
            var keys = configuration.GetValue($"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.DataProtectionKeysPath)}", new OrchestratorOptions().DataProtectionKeysPath)!;
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys, builder.Environment.ContentRootPath)));
        }

        if (configuration[$"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.DataProtectionCertificatePath)}"] is { Length: > 0 } certificatePath)
        {
            // Encrypted at rest; the same certificate decrypts (a missing or wrong file stops the start-up naming it).
            var path = Path.GetFullPath(certificatePath, builder.Environment.ContentRootPath);
            var password = configuration[$"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.DataProtectionCertificatePassword)}"];
            System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
            try
            {
                certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Orchestrator:DataProtectionCertificatePath '{path}' cannot be read as a PKCS#12 file with its password: {e.Message}", e);
            }

            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddOrchestratorHealthChecks();
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<MetricsInterceptor>();
        services.ConfigureDbContext<OrchestratorDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<MetricsInterceptor>()));
        services.AddHostedService<StartupInitializer>();
        services.AddOrchestratorScheduling(configuration); // Hangfire fires the timer rows; after the migrating initializer (Scheduling/README.md).
        services.AddIdempotencyKeys(); // Api/IdempotencyEffect.cs: the key is written in the command's transaction.
        services.AddWebWorkspace(); // the pages people use (Web/README.md)
        Tasks.TaskWorkspaceServiceCollectionExtensions.AddTaskWorkspace(services, configuration); // inbox query, task reads, drafts, saved views, live changes (Tasks/README.md)
        Supervision.SupervisionServiceCollectionExtensions.AddSupervision(services); // journeys overview, deadlines, audit, outbox (Supervision/README.md)

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<OpenApiSecurityTransformer>();
            options.AddOperationTransformer<IdempotencyOpenApiTransformer>();
        });
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

        app.MapOrchestratorHealth();
        app.MapOpenApi().RequireAuthorization(Policies.AnyRole);
        app.MapAccountEndpoints();
        app.MapStaffEndpoints();
        var api = app.MapOrchestratorApi();
        app.MapOrchestratorNotifications();
        Cases.CaseEndpoints.MapCasesEndpoints(api);
        Cases.CaseFiles.CaseFileEndpoints.MapCaseFileEndpoints(api);
        Supervision.SupervisionEndpoints.MapSupervisionEndpoints(api);
        app.MapDesignerEndpoints(); // /api/designer (Designer/README.md)
        app.MapWebWorkspace();

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
