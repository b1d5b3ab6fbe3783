using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Persistence;

/// <summary>
/// Everything that differs between providers, in one place: the connection set-up and the column types the model
/// and the migrations share, and the migration context of each provider (its generated migrations).
/// </summary>
public static class DatabaseProviders
{
    /// <summary>The provider name EF Core reports for SQLite.</summary>
    public const string SqliteName = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The provider name EF Core reports for PostgreSQL.</summary>
    public const string NpgsqlName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The provider name EF Core reports for SQL Server.</summary>
    public const string SqlServerName = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>The default connection string (SQLite in <c>./data/</c>).</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/orchestrator.db";

    /// <summary>Reads <c>Database:Provider</c> (case-insensitive; <c>Postgres</c>/<c>Npgsql</c>, <c>MsSql</c> accepted too).</summary>
    /// <param name="value">The setting.</param>
    public static DatabaseProvider Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        "SQLSERVER" or "MSSQL" => DatabaseProvider.SqlServer,
        _ => throw new InvalidOperationException($"Database:Provider '{value}' is not supported; use Sqlite, PostgreSql or SqlServer."),
    };

    /// <summary>The provider of an EF provider name (<see cref="DbContext.Database"/>.ProviderName).</summary>
    /// <param name="providerName">EF's provider name.</param>
    public static DatabaseProvider FromProviderName(string? providerName) => providerName switch
    {
        SqliteName => DatabaseProvider.Sqlite,
        NpgsqlName => DatabaseProvider.PostgreSql,
        SqlServerName => DatabaseProvider.SqlServer,
        _ => throw new InvalidOperationException($"Provider {providerName} is not supported."),
    };

    /// <summary>Configures a DbContext for the provider.</summary>
    /// <param name="options">The options builder.</param>
    /// <param name="provider">The provider.</param>
    /// <param name="connectionString">The connection string.</param>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(PrepareSqlite(connectionString), o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
                options.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(PreparePostgreSql(connectionString), o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }

        // OrchestratorDbContext itself carries the frozen hand-written migrations, which have no model snapshot; for
        // it EF would always see pending changes. The generated migrations are applied through each provider's
        // migration context, which DatabaseMigrator configures to throw on pending changes instead
        // (Persistence/Migrations/README.md).
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Makes a SQLite connection string usable: creates the file's folder, and sets a busy timeout and pooling.</summary>
    /// <param name="connectionString">The connection string.</param>
    public static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation (the few statements every command repeats are parsed and planned once
    /// per physical connection) unless the connection string sets <c>Max Auto Prepare</c> itself.
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    public static string PreparePostgreSql(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>
    /// Whether a failed save lost a race that a fresh attempt can win: the instance version changed (optimistic
    /// concurrency), a key was inserted by another writer, a serialization failure or deadlock (PostgreSQL), or the
    /// database stayed locked past the busy timeout (SQLite).
    /// </summary>
    /// <param name="exception">The exception.</param>
    public static bool IsConcurrencyConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case Npgsql.PostgresException pg when pg.SqlState is "40001" or "40P01" or "23505":
                    return true;
                case Microsoft.Data.SqlClient.SqlException sql when sql.Number is 1205 or 2601 or 2627:
                    return true; // deadlock victim, duplicate key (unique index, primary key)
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether the context runs on SQLite.</summary>
    /// <param name="providerName">EF's provider name.</param>
    public static bool IsSqlite(string? providerName) => providerName == SqliteName;

    /// <summary>Column types by provider; the model and the migrations both take types from here.</summary>
    /// <param name="providerName">EF's provider name (<see cref="DbContext.Database"/>.ProviderName or <c>migrationBuilder.ActiveProvider</c>).</param>
    public static ColumnTypes Types(string? providerName) => FromProviderName(providerName) switch
    {
        DatabaseProvider.Sqlite => ColumnTypes.Sqlite,
        DatabaseProvider.PostgreSql => ColumnTypes.PostgreSql,
        _ => ColumnTypes.SqlServer,
    };
}
