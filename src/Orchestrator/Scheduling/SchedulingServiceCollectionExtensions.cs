using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Migrations;
using Orchestrator.Scheduling;
using Orchestrator.Workflows;
using Quartz;
using SchedulingOptions = Orchestrator.Scheduling.SchedulingOptions;

#pragma warning disable IDE0130 // Extension methods of IServiceCollection live in its namespace, as ASP.NET Core's do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Quartz scheduler that fires the engine's timers and jobs (see <c>Scheduling/README.md</c>).</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers Quartz (in memory on SQLite; clustered ADO store in PostgreSQL's schema <c>quartz</c> on PostgreSQL),
    /// <see cref="QuartzWorkflowScheduler"/> as the <see cref="IWorkflowScheduler"/> (replacing the no-op), the hosted
    /// service that reschedules the timer rows and starts the scheduler, the reconciliation sweep
    /// (<see cref="ScheduleReconciliation"/>, with every <see cref="ScheduleRepair"/> registered) and the <c>scheduler</c>
    /// health check.
    /// Register it after the hosted service that migrates the database (its start-up reads the timer rows).
    /// Settings: section <c>Scheduling</c> (<see cref="SchedulingOptions"/>); the database: <c>Database:Provider</c>
    /// and <c>ConnectionStrings:Orchestrator</c>, as the persistence reads them.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    public static IServiceCollection AddOrchestratorScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
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
        if (string.Equals(options.Scheduler, "Hangfire", StringComparison.OrdinalIgnoreCase))
        {
            HangfireRegistration.Add(services, options, provider, connectionString);
            services.AddHostedService(sp => sp.GetRequiredService<ScheduleReconciliation>()); // after the scheduler's start
            return services;
        }

        var store = provider == DatabaseProvider.PostgreSql ? SchedulerStore.PostgreSql : SchedulerStore.Memory;
        var instanceId = string.IsNullOrWhiteSpace(options.InstanceId)
            ? $"{Environment.MachineName}-{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}"
            : options.InstanceId;

        // Never "misfired": an overdue trigger keeps its due time, so overdue timers fire at once in due order.
        var misfireThreshold = TimeSpan.FromDays(3650);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.SchedulerName;
                s.InstanceId = instanceId;
                s.IdleWaitTime = options.IdleWaitTime < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.IdleWaitTime;
            });
            q.UseDefaultThreadPool(Math.Max(1, options.ThreadCount ?? (store == SchedulerStore.PostgreSql ? 8 : 2)));
            if (store == SchedulerStore.PostgreSql)
            {
                q.UsePersistentStore(p =>
                {
                    p.UsePostgres(connectionString);
                    p.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
                    });
                    p.ConfigureStore(s =>
                    {
                        s.TablePrefix = QuartzTables.TablePrefix;
                        s.StoreJobDataAsStrings = true;
                        s.MisfireThreshold = misfireThreshold;
                        s.MisfireHandlerFrequency = TimeSpan.FromSeconds(15);

                        // Every commit that creates a timer inserts its trigger: without the cluster-wide
                        // TRIGGER_ACCESS lock those inserts do not queue behind the nodes' acquisition rounds
                        // (PostgreSQL needs no insert lock to avoid deadlocks; acquisition still locks).
                        s.LockOnInsert = false;
                        s.SchemaProvisioning = SchemaProvisioning.Validate;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore(m => m.MisfireThreshold = misfireThreshold);
            }
        });

        services.AddTransient<FireTimerJob>();
        services.AddTransient<RunWorkflowJob>();
        services.AddTransient<RecoverJobsJob>();
        services.TryAddSingleton(sp => new QuartzWorkflowScheduler(
            sp.GetRequiredService<ISchedulerFactory>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<SchedulerStatistics>(),
            sp.GetRequiredService<SchedulingOptions>(),
            store,
            connectionString,
            sp.GetRequiredService<ILogger<QuartzWorkflowScheduler>>()));
        services.Replace(ServiceDescriptor.Singleton<IWorkflowScheduler>(sp => sp.GetRequiredService<QuartzWorkflowScheduler>()));
        services.AddHostedService<SchedulerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleReconciliation>()); // after the scheduler's start
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Unhealthy, ["ready"]);
        return services;
    }
}
