
namespace Orchestrator.Tasks;

/// <summary>
/// Deletes drafts older than <see cref="TaskDrafts.Lifetime"/>, at start-up and then every hour (on every node: the
/// delete is idempotent). A draft of a task that ended was already deleted with it.
/// </summary>
public sealed class TaskDraftSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<TaskDraftSweeper> logger) : BackgroundService
{
    /// <summary>How often the sweep runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<TaskDrafts>().DeleteExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    TaskWorkspaceLog.DraftsExpired(logger, deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be starting or out of reach; the next sweep tries again.
                TaskWorkspaceLog.SweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
