using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;

namespace Orchestrator.Hosting;

/// <summary>
/// The <c>database</c> entry of <c>/health</c>: Unhealthy when a connection cannot open, when the database says it
/// cannot take writes (SQLite at its page limit with no free page; PostgreSQL read-only or in recovery), or when the
/// service's own writes failed for an outage within the last <see cref="DatabaseWriteMonitor.Window"/> with none
/// succeeding since (<see cref="DatabaseWriteMonitor"/>). The description names the cause, never exception details.
/// </summary>
internal sealed class DatabaseHealthCheck(OrchestratorDbContext db, DatabaseWriteMonitor writes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            if (await WritesRefusedAsync(cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return HealthCheckResult.Unhealthy(refused);
            }

            if (writes.RecentFailure() is { } failure)
            {
                return HealthCheckResult.Unhealthy(
                    $"Writes are failing: {(failure.Kind == DatabaseOutageKind.Full ? "the database is full (database or disk is full)" : "the database is unavailable")}; last failed write at {failure.At:O}.");
            }

            return HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable and writable");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(DatabaseOutage.Classify(e) == DatabaseOutageKind.Full ? "The database is full (database or disk is full)." : "The database cannot be reached.", e);
        }
    }

    /// <summary>What the database itself says about taking writes: <c>null</c> when it takes them.</summary>
    private async Task<string?> WritesRefusedAsync(CancellationToken ct)
    {
        if (DatabaseProviders.IsSqlite(db.Database.ProviderName))
        {
            var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS \"Value\" FROM pragma_page_count()").SingleAsync(ct).ConfigureAwait(false);
            var limit = await db.Database.SqlQueryRaw<long>("SELECT max_page_count AS \"Value\" FROM pragma_max_page_count()").SingleAsync(ct).ConfigureAwait(false);
            var free = await db.Database.SqlQueryRaw<long>("SELECT freelist_count AS \"Value\" FROM pragma_freelist_count()").SingleAsync(ct).ConfigureAwait(false);
            return pages >= limit && free == 0 ? $"The database is full (database or disk is full): {pages} of at most {limit} pages used, none free." : null;
        }

        var readOnly = await db.Database.SqlQueryRaw<bool>("SELECT (pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on') AS \"Value\"").SingleAsync(ct).ConfigureAwait(false);
        return readOnly ? "The database is read-only (in recovery or default_transaction_read_only): writes fail." : null;
    }
}
