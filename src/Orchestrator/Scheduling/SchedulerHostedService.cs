using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestrator.Scheduling;

/// <summary>
/// Starts the scheduler with the host (after the database is migrated: it is registered after the start-up initializer)
/// and stops it, giving the firings under way a grace period (<see cref="QuartzWorkflowScheduler.StopAsync"/>). A start
/// that fails stops the service with the reason.
/// </summary>
internal sealed class SchedulerHostedService(QuartzWorkflowScheduler scheduler, ILogger<SchedulerHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulingLog.StartFailed(logger, e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync(cancellationToken);
}

/// <summary>
/// The <c>scheduler</c> entry of <c>/health</c>: healthy while the scheduler is started (not in standby, not shut down)
/// and its store answers (on PostgreSQL a read of Quartz's tables through Quartz: a node whose store is away fires
/// nothing); the description adds what the reconciliation sweep did.
/// </summary>
internal sealed class SchedulerHealthCheck(QuartzWorkflowScheduler scheduler, SchedulerStatistics statistics) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var quartz = await scheduler.GetSchedulerAsync(cancellationToken).ConfigureAwait(false);
            var status = await quartz.GetStatus(cancellationToken).ConfigureAwait(false);
            if (!statistics.Started || status != Quartz.SchedulerStatus.Running)
            {
                return HealthCheckResult.Unhealthy("The scheduler is not running: timers do not fire on this node.");
            }

            try
            {
                await scheduler.ProbeStoreAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever the store answers with, it is not answering.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return HealthCheckResult.Unhealthy($"The scheduler's {scheduler.Store} store cannot be reached: timers do not fire on this node until it answers.", e);
            }

            var sweep = statistics.LastSweepError is { } error
                ? $"last reconciliation sweep failed ({error})"
                : statistics.LastSweepAt is { } at ? $"last reconciliation sweep {at:O}" : "no reconciliation sweep yet";
            return HealthCheckResult.Healthy($"Quartz {scheduler.Store} store, started; {statistics.TimersFired} timers fired here; {sweep}; {statistics.Repairs} firings repaired");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The scheduler cannot be reached.", e);
        }
    }
}
