using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Orchestrator.Persistence.Migrations.PostgreSql;
using Orchestrator.Persistence.Migrations.Sqlite;
using Orchestrator.Persistence.Migrations.SqlServer;

namespace Orchestrator.Persistence;

/// <summary>
/// Applies the migrations at start-up, one node at a time. The migrations are those EF Core's tooling generated for
/// the provider (its migration context, <c>Persistence/Migrations/&lt;Provider&gt;/</c>), starting with a baseline
/// that creates the schema the hand-written migrations had reached. A database those hand-written migrations made is
/// adopted first (<see cref="AdoptHandWrittenSchemaAsync"/>): brought to their last one if it is not there yet, then
/// the baseline is recorded as applied without running, since the schema it would create is already there.
/// <para>
/// EF Core 9+ takes a migration lock of its own: on SQLite a lock table held for the whole run (enough), on
/// PostgreSQL a table lock per migration transaction, which lets a second node that read the history early re-apply
/// a later migration (seen in SchemaTests). So on PostgreSQL the whole run is also wrapped in a session-level
/// advisory lock on a connection of its own, and on SQL Server in a session application lock (<c>sp_getapplock</c>).
/// </para>
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The advisory lock key (any constant shared by the nodes).</summary>
    public const long AdvisoryLockKey = 0x4f_52_43_48_4d_49_47; // "ORCHMIG"

    /// <summary>
    /// The last of the hand-written migrations (<see cref="OrchestratorDbContext"/>'s own, frozen): the schema the
    /// generated baselines create. A database whose history holds it gets the baseline recorded instead of run.
    /// </summary>
    public const string LastHandWrittenMigration = "20261122000900_DataProtectionKeys";

    /// <summary>The SQL Server application-lock resource (the same on every node).</summary>
    private const string SqlServerLockResource = "Orchestrator.Migrate";

    /// <summary>Applies every pending migration of the provider <paramref name="db"/> runs on.</summary>
    /// <param name="db">A context on the database (its provider and connection string are used).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task MigrateAsync(OrchestratorDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var provider = DatabaseProviders.FromProviderName(db.Database.ProviderName);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database context has no connection string to migrate.");
        return UnderLockAsync(db, async token =>
        {
            var target = CreateMigrationContext(provider, connectionString);
            await using (target.ConfigureAwait(false))
            {
                await AdoptHandWrittenSchemaAsync(target, provider, connectionString, token).ConfigureAwait(false);
                await target.Database.MigrateAsync(token).ConfigureAwait(false);
            }
        }, ct);
    }

    /// <summary>
    /// The migration context of a provider: the service's model with that provider's generated migrations, configured
    /// as the service configures the provider, except that pending model changes (a model change without a migration)
    /// stop the migration instead of being ignored.
    /// </summary>
    /// <param name="provider">The provider.</param>
    /// <param name="connectionString">The connection string.</param>
    public static OrchestratorDbContext CreateMigrationContext(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMigrationContext(Options<SqliteMigrationContext>(provider, connectionString)),
        DatabaseProvider.PostgreSql => new PostgreSqlMigrationContext(Options<PostgreSqlMigrationContext>(provider, connectionString)),
        DatabaseProvider.SqlServer => new SqlServerMigrationContext(Options<SqlServerMigrationContext>(provider, connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>
    /// Runs <paramref name="work"/> while holding the start-up lock (PostgreSQL: the advisory lock nodes take to migrate;
    /// SQL Server: a session application lock; SQLite, one node: at once), so that nodes starting together do one-time
    /// work once.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="work">The work.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task UnderLockAsync(OrchestratorDbContext db, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var (connection, take, release) = DatabaseProviders.FromProviderName(db.Database.ProviderName) switch
        {
            DatabaseProvider.PostgreSql => ((DbConnection)new NpgsqlConnection(db.Database.GetConnectionString()),
                "SELECT pg_advisory_lock(" + AdvisoryLockKey.ToString(CultureInfo.InvariantCulture) + ")",
                "SELECT pg_advisory_unlock(" + AdvisoryLockKey.ToString(CultureInfo.InvariantCulture) + ")"),
            DatabaseProvider.SqlServer => (new SqlConnection(db.Database.GetConnectionString()),
                $"EXEC sp_getapplock @Resource = '{SqlServerLockResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
                $"EXEC sp_releaseapplock @Resource = '{SqlServerLockResource}', @LockOwner = 'Session'"),
            _ => ((DbConnection?)null, "", ""),
        };
        if (connection is null)
        {
            await work(ct).ConfigureAwait(false);
            return;
        }

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, take, ct).ConfigureAwait(false);
            try
            {
                await work(ct).ConfigureAwait(false);
            }
            finally
            {
                await ExecuteAsync(connection, release, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Adopts a database made by the hand-written migrations: when its history holds any of them but not the
    /// baseline, the hand-written set (still carried by <see cref="OrchestratorDbContext"/>) brings it to
    /// <see cref="LastHandWrittenMigration"/> if it is not there yet, and the baseline is then recorded as applied
    /// without running: the schema it creates is exactly the one the hand-written set ends with (SchemaTests compare
    /// the two catalogs). A new database (no history) and one already past the baseline are left alone.
    /// </summary>
    private static async Task AdoptHandWrittenSchemaAsync(OrchestratorDbContext target, DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var history = target.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(ct).ConfigureAwait(false))
        {
            return;
        }

        var applied = (await history.GetAppliedMigrationsAsync(ct).ConfigureAwait(false)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        var baseline = target.Database.GetMigrations().First();
        if (applied.Contains(baseline) || !applied.Any(id => string.CompareOrdinal(id, LastHandWrittenMigration) <= 0))
        {
            return;
        }

        if (!applied.Contains(LastHandWrittenMigration))
        {
            var handWritten = new OrchestratorDbContext(Options<OrchestratorDbContext>(provider, connectionString, throwOnPendingChanges: false));
            await using (handWritten.ConfigureAwait(false))
            {
                await handWritten.GetService<IMigrator>().MigrateAsync(LastHandWrittenMigration, ct).ConfigureAwait(false);
            }
        }

        try
        {
            await target.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (DatabaseProviders.IsConcurrencyConflict(e))
        {
            // Another SQLite node (no start-up lock there) recorded it first: the row is what both wanted.
        }
    }

    private static DbContextOptions<TContext> Options<TContext>(DatabaseProvider provider, string connectionString, bool throwOnPendingChanges = true)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        DatabaseProviders.Configure(builder, provider, connectionString);
        if (throwOnPendingChanges)
        {
            builder.ConfigureWarnings(w => w.Throw(RelationalEventId.PendingModelChangesWarning));
        }

        return builder.Options;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // Constant statements of this class, no input.
            command.CommandText = sql;
#pragma warning restore CA2100
            command.CommandTimeout = 0; // waiting for another node's migration is the point
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
