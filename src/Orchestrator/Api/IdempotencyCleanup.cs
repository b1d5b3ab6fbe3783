using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Persistence;

namespace Orchestrator.Api;

/// <summary>Deletes <c>Idempotency-Key</c> records older than <see cref="OrchestratorOptions.IdempotencyRetention"/>, hourly.</summary>
internal sealed class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider time, IOptions<OrchestratorOptions> options, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                var cutoff = time.GetUtcNow() - options.Value.IdempotencyRetention;
                var deleted = await db.IdempotencyKeys.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken).ConfigureAwait(false);
                HostLog.IdempotencyKeysExpired(logger, deleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed clean-up is retried at the next interval; it must not stop the service.
            catch (Exception e)
#pragma warning restore CA1031
            {
                HostLog.IdempotencyCleanupFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
