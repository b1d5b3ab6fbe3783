using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestrator.Scheduling;

/// <summary>
/// The <c>scheduler</c> entry of <c>/health</c> under Hangfire: healthy while this node's Hangfire server runs and its
/// storage answers (a node whose storage is away fires nothing); the description adds what the sweep did.
/// </summary>
internal sealed class HangfireHealthCheck(HangfireWorkflowScheduler scheduler, SchedulerStatistics statistics) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!statistics.Started)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The scheduler is not running: timers do not fire on this node."));
        }

        try
        {
            scheduler.ProbeStore();
        }
#pragma warning disable CA1031 // Whatever the storage answers with, it is not answering.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire's storage ({scheduler.Storage.GetType().Name}) cannot be reached: timers do not fire on this node until it answers.", e));
        }

        var sweep = statistics.LastSweepError is { } error
            ? $"last reconciliation sweep failed ({error})"
            : statistics.LastSweepAt is { } at ? $"last reconciliation sweep {at:O}" : "no reconciliation sweep yet";
        return Task.FromResult(HealthCheckResult.Healthy($"Hangfire ({scheduler.Storage.GetType().Name}), started; {statistics.TimersFired} timers fired here; {sweep}; {statistics.Repairs} firings repaired"));
    }
}
