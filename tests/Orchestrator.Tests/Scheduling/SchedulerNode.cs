using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// One service node without HTTP: a generic host with the workflow core and the Hangfire scheduling exactly as the
/// service registers them (<c>AddOrchestratorWorkflows</c> + <c>AddOrchestratorScheduling</c>), on a test database,
/// real time. Several nodes in one process on one PostgreSQL database share Hangfire's storage there.
/// </summary>
public sealed class SchedulerNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly MeterListener _listener = new();
    private readonly List<double> _lateness = [];
    private bool _stopped;

    private SchedulerNode(IHost host)
    {
        _host = host;
        var meter = host.Services.GetRequiredService<OrchestratorMetrics>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "orchestrator.timers.lateness")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_lateness)
            {
                _lateness.Add(value);
            }
        });
        _listener.Start();
    }

    /// <summary>The node's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>What this node's scheduler did.</summary>
    public SchedulerStatistics Statistics => Services.GetRequiredService<SchedulerStatistics>();

    /// <summary>The lateness values (seconds) this node recorded on the <c>orchestrator.timers.lateness</c> histogram.</summary>
    public IReadOnlyList<double> LatenessMetric()
    {
        lock (_lateness)
        {
            return [.. _lateness];
        }
    }

    /// <summary>Builds a node (the database is migrated first, as the host's initializer does); not started.</summary>
    /// <param name="database">The database.</param>
    /// <param name="settings">Extra settings (<c>Scheduling:*</c>).</param>
    public static SchedulerNode Create(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider == DatabaseProvider.PostgreSql ? "PostgreSql" : "Sqlite",
            ["ConnectionStrings:Orchestrator"] = database.ConnectionString,
            ["Workflows:WorkerId"] = "node-" + Guid.NewGuid().ToString("N")[..6],
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<OrchestratorMetrics>();
        builder.Services.AddOrchestratorWorkflows(builder.Configuration);
        builder.Services.AddOrchestratorScheduling(builder.Configuration);
        return new SchedulerNode(builder.Build());
    }

    /// <summary>Migrates, deploys the fixtures, and starts the host (the scheduler reschedules the timer rows).</summary>
    public async Task StartAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var deployer = scope.ServiceProvider.GetRequiredService<WorkflowDeployer>();
            await deployer.InitializeDatabaseAsync(CancellationToken.None);
            foreach (var file in new[] { "deadline.bpmn", "service.bpmn" })
            {
                var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scheduling", "Fixtures", file));
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(xml, file, Actors.Designer, CancellationToken.None);
            }
        }

        await _host.StartAsync();
    }

    /// <summary>Runs <paramref name="body"/> with a workflow service in a fresh scope.</summary>
    public async Task<T> WithServiceAsync<T>(Func<WorkflowService, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var scope = Services.CreateAsyncScope();
        return await body(scope.ServiceProvider.GetRequiredService<WorkflowService>());
    }

    /// <summary>Runs <paramref name="body"/> with a DbContext in a fresh scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<OrchestratorDbContext, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var scope = Services.CreateAsyncScope();
        return await body(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>());
    }

    /// <summary>Starts an instance of <c>Deadline</c> whose boundary timer falls due at <paramref name="due"/>.</summary>
    public Task<string> StartDeadlineAsync(DateTimeOffset due, string? businessKey = null) =>
        WithServiceAsync(s => s.StartAsync("Deadline", new JsonObject { ["due"] = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) }, businessKey, Actors.Coordinator, CancellationToken.None));

    /// <summary>Stops the node gracefully (the scheduler waits for the firings under way).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    /// <summary>This node's Hangfire scheduler.</summary>
    public HangfireWorkflowScheduler Scheduler => Services.GetRequiredService<HangfireWorkflowScheduler>();

    /// <summary>The Hangfire jobs that can still run of the timers' firings, by timer id.</summary>
    public Dictionary<string, List<string>> TimerJobs() => Scheduler.LiveJobs(typeof(HangfireWorkflowJobs), nameof(HangfireWorkflowJobs.FireTimerAsync));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        try
        {
            await StopAsync();
        }
#pragma warning disable CA1031 // Best effort on the way out.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _host.Dispose();
    }
}

/// <summary>Waiting for a condition with a timeout (never a fixed sleep).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>Queries the tests make of the timer and task rows.</summary>
public static class SchedulingQueries
{
    /// <summary>Open tasks of an element, per instance.</summary>
    public static Task<int> OpenTasksAsync(OrchestratorDbContext db, string elementId) =>
        db.Tasks.AsNoTracking().CountAsync(t => t.ElementId == elementId && t.Status == TaskStatuses.Open);

    /// <summary>Pending timer rows.</summary>
    public static Task<int> PendingTimersAsync(OrchestratorDbContext db) =>
        db.Timers.AsNoTracking().CountAsync(t => t.Status == TimerStatuses.Pending);
}
