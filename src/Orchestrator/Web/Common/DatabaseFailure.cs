using System.Data.Common;
using System.Net.Sockets;

namespace Orchestrator.Web.Common;

/// <summary>
/// Whether an exception means the database is out of reach (connection refused or dropped, server shutting down, disk
/// full): a page then answers 503 "try again in a moment" instead of 500. The API applies the same idea to its problem
/// details.
/// </summary>
internal static class DatabaseFailure
{
    /// <summary>Whether <paramref name="exception"/> (or one of its causes) is the database being unavailable.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns><c>true</c> when the database could not be reached or written.</returns>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.NpgsqlException { IsTransient: true }:
                case Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 or 14 }: // SQLITE_FULL, SQLITE_CANTOPEN
                case SocketException:
                case TimeoutException when e.InnerException is DbException or SocketException:
                    return true;
            }
        }

        return false;
    }
}
