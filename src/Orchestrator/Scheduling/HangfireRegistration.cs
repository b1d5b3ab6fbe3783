using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Scheduling;

/// <summary>
/// Registers Hangfire under the engine's timers and jobs. Everything is this host's own — its storage, job client,
/// server and filter list — and nothing goes through Hangfire's static <c>GlobalConfiguration</c>/<c>JobStorage.Current</c>,
/// so several services in one process (the tests) never share a storage. Storage, by <c>Database:Provider</c>: on
/// PostgreSQL, Hangfire.PostgreSql in schema <c>hangfire</c> of the service's database (made by Hangfire at start;
/// LISTEN/NOTIFY wakes the workers); on SQL Server, Hangfire.SqlServer in schema <c>hangfire</c> of the service's
/// database (built, never run here); on SQLite, Hangfire.Storage.SQLite in a file of its own beside the service's
/// database (<c>orchestrator.hangfire.db</c> beside <c>orchestrator.db</c>), so Hangfire's polling never holds the
/// service's write lock. None needs a backup: the rows are the truth, and start-up and the sweep make the jobs again
/// from them.
/// </summary>
internal static class HangfireRegistration
{
    /// <summary>Registers the scheduler, its jobs, the hosted server, the sweep's repairs of engine jobs and the health check.</summary>
    public static void Add(IServiceCollection services, SchedulingOptions options, DatabaseProvider provider, string connectionString)
    {
        // Firings at once: 8 on the server databases, 2 on SQLite, where one writer at a time takes the service's file
        // and more firings only wait on each other's write lock.
        options.ThreadCount ??= provider == DatabaseProvider.Sqlite ? 2 : 8;
        services.TryAddSingleton<IJobFilterProvider>(sp => new JobFilterCollection { new SettledTimerFilter(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILogger<SettledTimerFilter>>()) });
        services.TryAddSingleton<JobStorage>(_ => CreateStorage(options, provider, connectionString));
        services.TryAddSingleton<ImminentTimers>();

        // One node by definition on SQLite: the timers the sweep brings into the window fire in-process there too.
        // Several nodes may share PostgreSQL or SQL Server: there Hangfire spreads those over the nodes.
        var singleNode = provider == DatabaseProvider.Sqlite;
        services.TryAddSingleton(sp => new HangfireWorkflowScheduler(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<ImminentTimers>(), options, sp.GetRequiredService<TimeProvider>(), singleNode));
        services.Replace(ServiceDescriptor.Singleton<IWorkflowScheduler>(sp => sp.GetRequiredService<HangfireWorkflowScheduler>()));
        services.AddTransient<HangfireWorkflowJobs>();
        services.TryAddSingleton<HangfireSchedulerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<HangfireSchedulerHostedService>());

        // The safety net of engine jobs (a job whose run after its commit failed, a dead node's expired lease) runs
        // with the sweep: one periodic query instead of a second timer.
        services.AddSingleton(new ScheduleRepair("job", (sp, _, ct) => sp.GetRequiredService<WorkflowService>().RunDueJobsAsync(sp.GetRequiredService<WorkflowOptions>().WorkerId, 500, ct)));
        services.AddHealthChecks().AddCheck<HangfireHealthCheck>("scheduler", HealthStatus.Unhealthy, ["ready"]);

        // What Hangfire's dashboard middleware looks for (AddHangfire would register them, and configure the static
        // GlobalConfiguration with it): Hangfire's own instances, registered as they are, changed by nothing here.
        services.TryAddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.TryAddSingleton(_ => Hangfire.Dashboard.DashboardRoutes.Routes);
    }

    private static JobStorage CreateStorage(SchedulingOptions options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var pg = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = options.PollInterval,
                EnableLongPolling = true,
                InvisibilityTimeout = options.TakeOverAfter,
                UseSlidingInvisibilityTimeout = true,
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, pg), pg);
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            // Built, never run here (no SQL Server on the machines this is built on): the storage's own defaults but for
            // the polling and the take-over, as on the other databases.
            var sql = new SqlServerStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = options.PollInterval,
                SlidingInvisibilityTimeout = options.TakeOverAfter,
            };
            return new SqlServerStorage(() => new Microsoft.Data.SqlClient.SqlConnection(connectionString), sql);
        }

        var file = new SqliteConnectionStringBuilder(DatabaseProviders.PrepareSqlite(connectionString)).DataSource;
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", Path.GetFileNameWithoutExtension(file) + ".hangfire.db");
        // Hangfire's defaults but for two settings: a full mutex per connection (its lock heartbeat and its scheduler may
        // use one connection from two threads) and synchronous=NORMAL, so a job's write is not an fsync. The file holds
        // no truth — the rows do, and the jobs are made again from them — so a write lost to a power cut costs nothing.
        var connections = new SQLiteDbConnectionFactory(() =>
        {
            var connection = new SQLite.SQLiteConnection(path, SQLite.SQLiteOpenFlags.ReadWrite | SQLite.SQLiteOpenFlags.Create | SQLite.SQLiteOpenFlags.FullMutex, storeDateTimeAsTicks: true)
            {
                BusyTimeout = TimeSpan.FromSeconds(10),
            };
            connection.Execute("PRAGMA synchronous=NORMAL");
            return connection;
        });
        return new SQLiteStorage(connections, new SQLiteStorageOptions
        {
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = options.TakeOverAfter,
        });
    }
}
