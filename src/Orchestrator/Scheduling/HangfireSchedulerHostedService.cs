using System.Diagnostics;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;

namespace Orchestrator.Scheduling;

/// <summary>
/// Runs this node's in-process firing of imminent timers (<see cref="ImminentTimers"/>) and its Hangfire server
/// (workers and pollers over the host's own storage) and, before the server starts, one round of the reconciliation
/// sweep: the pending timers due within the sweep's window that have no job get one (a first start, a storage that was
/// wiped, overdue timers after downtime — those fire at once, in due order); later ones are scheduled by the sweep as
/// they come within its window. Stopping: no new firings, and up to the host's stop time for the ones under way (a
/// firing cut off rolls back and is taken over, the rows being the truth).
/// </summary>
internal sealed class HangfireSchedulerHostedService(
    HangfireWorkflowScheduler scheduler,
    ImminentTimers imminent,
    IJobFilterProvider filters,
    ScheduleReconciliation reconciliation,
    SchedulingOptions options,
    SchedulerStatistics statistics,
    IServiceScopeFactory scopes,
    ILogger<HangfireSchedulerHostedService> logger) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    /// <summary>This node's name among Hangfire's servers: <c>Scheduling:InstanceId</c>, or machine, process and a random suffix.</summary>
    private string ServerName { get; } = options.InstanceId is { Length: > 0 } name
        ? name
        : $"{Environment.MachineName}-{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Whether the server runs.</summary>
    public bool Running => _server is not null && statistics.Started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            imminent.Start();
            var repaired = await reconciliation.SweepAsync(settle: false, cancellationToken).ConfigureAwait(false);
            _server = new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    ServerName = ServerName,
                    WorkerCount = Math.Max(1, options.ThreadCount ?? 8),
                    Queues = [HangfireWorkflowScheduler.Queue],
                    SchedulePollingInterval = options.PollInterval,

                    // Due jobs are moved to the queue by several tasks at once: one alone moved fewer than 100 a second
                    // on a loaded machine, and the firings queued behind it.
                    MaxDegreeOfParallelismForSchedulers = Math.Max(1, options.ThreadCount.GetValueOrDefault(2) / 2),
                    HeartbeatInterval = TimeSpan.FromSeconds(5),
                    ServerCheckInterval = TimeSpan.FromSeconds(15),
                    ServerTimeout = TimeSpan.FromSeconds(30),
                    StopTimeout = TimeSpan.FromSeconds(1),
                    ShutdownTimeout = TimeSpan.FromSeconds(10),
                    Activator = new AspNetCoreJobActivator(scopes),
                    FilterProvider = filters,
                },
                scheduler.Storage);
            statistics.Startup = (repaired, 0, clock.Elapsed);
            statistics.Started = true;
            SchedulingLog.Started(logger, ServerName, scheduler.Storage.GetType().Name, repaired, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulingLog.StartFailed(logger, e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        statistics.Started = false;
        _server?.SendStop();
        try
        {
            await imminent.StopAsync(cancellationToken).ConfigureAwait(false);
            if (_server is { } server)
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            SchedulingLog.StopWithoutGrace(logger, "the host's stop time ran out");
        }
    }

    public void Dispose() => _server?.Dispose();
}
