using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orchestrator.Persistence;

/// <summary>
/// The one rule for "is this failure the database being away (or full), not a fault of the request or of our code".
/// The API answers such a failure with 503 and <c>Retry-After</c> (<c>Hosting/ApiExceptionHandler</c>), the web pages
/// with their friendly 503 page, and <c>/health</c> uses it to tell a failing write from a bug. Every exception in the
/// chain of inner exceptions is looked at: EF Core wraps the provider's exception in its own.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What a client is told to wait before trying again (seconds; the <c>Retry-After</c> header).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>SQLite's <c>SQLITE_FULL</c>: "database or disk is full" (also when <c>PRAGMA max_page_count</c> is reached).</summary>
    private const int SqliteFull = 13;

    /// <summary>SQLite's <c>SQLITE_IOERR</c> (the file cannot be read or written) and <c>SQLITE_CANTOPEN</c>.</summary>
    private const int SqliteIoError = 10;

    private const int SqliteCannotOpen = 14;

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database is unavailable or full.</summary>
    /// <param name="exception">The failure.</param>
    public static bool IsOutage(Exception exception) => Classify(exception) is not null;

    /// <summary>The kind of outage <paramref name="exception"/> (or one it wraps) reports, or <c>null</c> when it is something else.</summary>
    /// <param name="exception">The failure.</param>
    public static DatabaseOutageKind? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull:
                    return DatabaseOutageKind.Full;
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteIoError or SqliteCannotOpen:
                    return DatabaseOutageKind.Unreachable;
                case PostgresException pg when pg.SqlState == PostgresErrorCodes.DiskFull:
                    return DatabaseOutageKind.Full;

                // Class 08: connection exceptions; 57P01-57P03: the server shuts down, crashed or is not yet accepting;
                // class 53: out of resources (too many connections, out of memory).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                    || pg.SqlState.StartsWith("53", StringComparison.Ordinal):
                    return DatabaseOutageKind.Unreachable;
                case PostgresException:
                    // Any other server error is an answer from a working server: a bug or a bad request, not an outage.
                    return null;

                // Npgsql's own failures (connection refused, broken stream, pool exhausted, timeout) are transient.
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return DatabaseOutageKind.Unreachable;
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return DatabaseOutageKind.Unreachable;
            }
        }

        return null;
    }

    /// <summary>What the service tells a client about the outage (the problem detail of a 503), in words an operator can act on.</summary>
    /// <param name="kind">The outage.</param>
    public static string Describe(DatabaseOutageKind kind) => kind switch
    {
        DatabaseOutageKind.Full => "The database is full (database or disk is full): nothing more can be written until an operator frees space. "
            + "Try again later; a command retried with the same Idempotency-Key is applied at most once.",
        _ => $"The database is unavailable. Try again in {RetryAfterSeconds} seconds; a command retried with the same Idempotency-Key is applied at most once.",
    };
}
