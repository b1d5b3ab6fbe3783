using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Orchestrator.Persistence;

/// <summary>
/// Applies the migrations at start-up, one node at a time. EF Core 9+ takes a migration lock of its own: on SQLite a
/// lock table held for the whole run (enough), on PostgreSQL a table lock per migration transaction, which lets a
/// second node that read the history early re-apply a later migration (seen in SchemaTests). So on PostgreSQL the
/// whole run is also wrapped in a session-level advisory lock on a connection of its own.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The advisory lock key (any constant shared by the nodes).</summary>
    public const long AdvisoryLockKey = 0x4f_52_43_48_4d_49_47; // "ORCHMIG"

    /// <summary>Applies every pending migration.</summary>
    /// <param name="db">The context.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task MigrateAsync(OrchestratorDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return UnderLockAsync(db, db.Database.MigrateAsync, ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> while holding the start-up lock (PostgreSQL: the advisory lock nodes take to migrate;
    /// SQLite, one node: at once), so that nodes starting together do one-time work once.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="work">The work.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task UnderLockAsync(OrchestratorDbContext db, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.ProviderName != DatabaseProviders.NpgsqlName)
        {
            await work(ct).ConfigureAwait(false);
            return;
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(" + AdvisoryLockKey.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", ct).ConfigureAwait(false);
            try
            {
                await work(ct).ConfigureAwait(false);
            }
            finally
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(" + AdvisoryLockKey.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
