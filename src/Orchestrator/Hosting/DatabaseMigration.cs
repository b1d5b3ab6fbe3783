using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Orchestrator.Hosting;

/// <summary>
/// Migrates the database (and loads the deployed definitions) before any other hosted service starts: registered
/// first, because hosted services start in registration order and some read tables at start (data protection loads
/// its key ring from <c>data_protection_keys</c> on PostgreSQL).
/// </summary>
internal sealed class DatabaseMigration(IServiceScopeFactory scopes, IKeyManager keys, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await Workflows.WorkflowStartup.MigrateAsync(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);

        // The first data-protection key is made here, once, under the start-up lock: nodes starting together on an
        // empty database would otherwise each make their own, and a node that loaded its key ring before the other's
        // key existed would refuse that node's cookies and links until its ring is next refreshed (up to a day).
        var db = scope.ServiceProvider.GetRequiredService<Persistence.OrchestratorDbContext>();
        await Persistence.DatabaseMigrator.UnderLockAsync(db, _ =>
        {
            if (keys.GetAllKeys().Count == 0)
            {
                var now = time.GetUtcNow();
                keys.CreateNewKey(now, now.AddDays(90));
            }

            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
