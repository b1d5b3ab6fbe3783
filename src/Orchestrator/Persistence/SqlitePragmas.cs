using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Persistence;

/// <summary>
/// Sets WAL journaling, normal sync, a busy timeout and foreign keys on every SQLite connection EF opens. The pragmas
/// are per physical connection (<c>sqlite3</c> handle), and Microsoft.Data.Sqlite pools those: they run once per
/// handle, not on every logical open (one statement less per command).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    // busy_timeout first, so that the journal-mode switch waits for another connection instead of failing.
    private const string Pragmas = "PRAGMA busy_timeout=30000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    /// <summary>
    /// While another connection creates a new database's WAL index, SQLite answers SQLITE_READONLY (8) or SQLITE_BUSY
    /// (5) at once, without waiting on the busy timeout; a short retry covers that moment (two nodes starting on a
    /// fresh file).
    /// </summary>
    private static readonly TimeSpan[] Retries = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(25), 80)];

    /// <summary>The handles that have had the pragmas (weak: a closed-for-good handle goes away with its entry).</summary>
    private static readonly ConditionalWeakTable<object, object> Done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadySet(connection))
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
                break;
            }
            catch (SqliteException e) when (IsTransient(e) && attempt < Retries.Length)
            {
                Thread.Sleep(Retries[attempt]);
            }
        }

        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadySet(connection))
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = Pragmas;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                break;
            }
            catch (SqliteException e) when (IsTransient(e) && attempt < Retries.Length)
            {
                await Task.Delay(Retries[attempt], cancellationToken).ConfigureAwait(false);
            }
        }

        Remember(connection);
    }

    private static bool IsTransient(SqliteException e) => e.SqliteErrorCode is 5 or 8;

    private static bool AlreadySet(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Done.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Done.AddOrUpdate(handle, Instance);
        }
    }
}
