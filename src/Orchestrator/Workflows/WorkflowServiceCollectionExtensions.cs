using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>Registers the persistence and the durable workflow core.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OrchestratorDbContext"/> on the provider of <c>Database:Provider</c> (<c>Sqlite</c> default,
    /// <c>PostgreSql</c>) with <c>ConnectionStrings:Orchestrator</c> (default <c>Data Source=data/orchestrator.db</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    public static IServiceCollection AddOrchestratorPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = DatabaseProviders.Parse(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Orchestrator");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DatabaseProviders.DefaultSqliteConnectionString
                : throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:Orchestrator is not set.");
        }

        // Pooled: a request (scope) rents a reset context instead of building one (commands per second). The context
        // has no per-request state of its own beyond what EF resets.
        services.AddDbContextPool<OrchestratorDbContext>(o => DatabaseProviders.Configure(o, provider, connectionString));
        return services;
    }

    /// <summary>
    /// Registers the workflow core: <see cref="WorkflowRuntime"/> and <see cref="JobHandlerRegistry"/> (singletons),
    /// <see cref="WorkflowService"/> and <see cref="WorkflowDeployer"/> (scoped), the no-op <see cref="IWorkflowScheduler"/>
    /// unless one is registered, and <see cref="TimeProvider.System"/> unless a clock is registered. Options: section <c>Workflows</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration: when given, also registers the persistence (<see cref="AddOrchestratorPersistence"/>) unless a DbContext is registered.</param>
    public static IServiceCollection AddOrchestratorWorkflows(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configuration is not null && !services.Any(d => d.ServiceType == typeof(OrchestratorDbContext)))
        {
            services.AddOrchestratorPersistence(configuration);
        }

        var options = services.AddOptions<WorkflowOptions>();
        if (configuration is not null)
        {
            // Bound from the configuration given (the benchmarks and tests build containers without IConfiguration in them).
            options.Bind(configuration.GetSection("Workflows"));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<WorkflowOptions>>().Value);
        services.TryAddSingleton(_ => new JobHandlerRegistry());
        services.TryAddSingleton<IWorkflowScheduler, NullWorkflowScheduler>();
        services.TryAddSingleton(sp => new WorkflowRuntime(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<JobHandlerRegistry>(), sp.GetRequiredService<WorkflowOptions>(),
            new EngineOptions { TimeZone = sp.GetRequiredService<WorkflowOptions>().TimeZone }));
        services.TryAddScoped<WorkflowService>();
        services.TryAddScoped<WorkflowDeployer>();
        return services;
    }
}
