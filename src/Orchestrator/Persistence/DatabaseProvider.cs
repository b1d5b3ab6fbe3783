using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Persistence;

/// <summary>The database engines the service runs on (setting <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite, embedded (the default): <c>Data Source=data/orchestrator.db</c>, WAL.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql.</summary>
    PostgreSql,
}

/// <summary>
/// Everything that differs between providers, in one place: the connection set-up and the column types the model
/// and the migrations share. Adding SQL Server means one more case here and one provider package.
/// </summary>
public static class DatabaseProviders
{
    /// <summary>The provider name EF Core reports for SQLite.</summary>
    public const string SqliteName = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The provider name EF Core reports for PostgreSQL.</summary>
    public const string NpgsqlName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The default connection string (SQLite in <c>./data/</c>).</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/orchestrator.db";

    /// <summary>Reads <c>Database:Provider</c> (case-insensitive; <c>Postgres</c>/<c>Npgsql</c> accepted too).</summary>
    /// <param name="value">The setting.</param>
    public static DatabaseProvider Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        _ => throw new InvalidOperationException($"Database:Provider '{value}' is not supported; use Sqlite or PostgreSql."),
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
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }

        // The migrations are hand-written (see Persistence/Migrations/README.md): there is no generated model
        // snapshot, so EF would always think the model has pending changes. SchemaTests prove on both providers
        // that the migrated schema equals the model instead.
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
    public static ColumnTypes Types(string? providerName) => providerName switch
    {
        SqliteName => ColumnTypes.Sqlite,
        NpgsqlName => ColumnTypes.PostgreSql,
        _ => throw new InvalidOperationException($"Provider {providerName} is not supported."),
    };
}

/// <summary>The column types of one provider.</summary>
/// <param name="IsSqlite">SQLite (times as UTC ticks in INTEGER, every string TEXT).</param>
public sealed record ColumnTypes(bool IsSqlite)
{
    /// <summary>SQLite.</summary>
    public static ColumnTypes Sqlite { get; } = new(true);

    /// <summary>PostgreSQL.</summary>
    public static ColumnTypes PostgreSql { get; } = new(false);

    /// <summary>A string of at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="maxLength">The limit.</param>
    public string Varchar(int maxLength) => IsSqlite ? "TEXT" : $"character varying({maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>Unbounded text (XML, JSON documents).</summary>
    public string Text => IsSqlite ? "TEXT" : "text";

    /// <summary>A 32-bit integer.</summary>
    public string IntColumn => IsSqlite ? "INTEGER" : "integer";

    /// <summary>A 64-bit integer.</summary>
    public string BigIntColumn => IsSqlite ? "INTEGER" : "bigint";

    /// <summary>An instant: UTC ticks on SQLite (sortable, comparable in SQL), <c>timestamptz</c> on PostgreSQL.</summary>
    public string Time => IsSqlite ? "INTEGER" : "timestamp with time zone";

    /// <summary>A flag (0/1 on SQLite).</summary>
    public string BoolColumn => IsSqlite ? "INTEGER" : "boolean";

    /// <summary>A GUID.</summary>
    public string UuidColumn => IsSqlite ? "TEXT" : "uuid";
}
