using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using SchedulingOptions = Orchestrator.Scheduling.SchedulingOptions;

#pragma warning disable IDE0130 // Extension methods of IServiceCollection live in its namespace, as ASP.NET Core's do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers Hangfire, which fires the engine's timers and jobs (see <c>Scheduling/README.md</c>).</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers Hangfire over the storage of <c>Database:Provider</c> (<see cref="HangfireRegistration"/>):
    /// <see cref="HangfireWorkflowScheduler"/> as the <see cref="Orchestrator.Workflows.IWorkflowScheduler"/> (replacing
    /// the no-op), the in-process firing of imminent timers (<see cref="ImminentTimers"/>), the hosted service that runs
    /// one reconciliation round and starts the Hangfire server, the reconciliation sweep
    /// (<see cref="ScheduleReconciliation"/>, with every <see cref="ScheduleRepair"/> registered) and the
    /// <c>scheduler</c> health check. Register it after the hosted service that migrates the database (its start-up
    /// reads the timer rows). Settings: section <c>Scheduling</c> (<see cref="SchedulingOptions"/>); the database:
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Orchestrator</c>, as the persistence reads them.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    public static IServiceCollection AddOrchestratorScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The setting that chose between Quartz and Hangfire is gone with Quartz: a node still asking for Quartz would
        // otherwise run Hangfire beside nodes that run Quartz, and each would fire what the other cannot see.
        if (configuration[$"{SchedulingOptions.Section}:Scheduler"] is { Length: > 0 } scheduler && !string.Equals(scheduler, "Hangfire", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Scheduling:Scheduler is '{scheduler}', but Hangfire is the only scheduler (Quartz was removed): remove the setting.");
        }

        var options = new SchedulingOptions();
        configuration.GetSection(SchedulingOptions.Section).Bind(options);
        if (!options.Enabled)
        {
            return services;
        }

        var provider = DatabaseProviders.Parse(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Orchestrator");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite ? DatabaseProviders.DefaultSqliteConnectionString : "";
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton<SchedulerStatistics>();
        services.TryAddSingleton<ScheduleReconciliation>();
        HangfireRegistration.Add(services, options, provider, connectionString);
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleReconciliation>()); // after the scheduler's start
        return services;
    }
}
