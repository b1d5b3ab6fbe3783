using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestrator.Persistence;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>
/// A database for one test class: a SQLite file in a temp folder or a fresh database on the test PostgreSQL server.
/// <see cref="ResetAsync"/> empties every table but <c>__EFMigrationsHistory</c> (Respawn is not available).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteDirectory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteDirectory = sqliteDirectory;
    }

    /// <summary>The provider.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A new SQLite database file (WAL) in a temp folder.</summary>
    public static TestDatabase CreateSqlite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "orchestrator-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, "test.db")}", dir);
    }

    /// <summary>A new database on the test PostgreSQL server.</summary>
    /// <param name="server">The server.</param>
    /// <param name="name">A readable name prefix.</param>
    public static async Task<TestDatabase> CreatePostgresAsync(PostgresServer server, string name) =>
        new(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync(name), null);

    /// <summary>Configures EF options for this database.</summary>
    /// <param name="options">The builder.</param>
    public void Configure(DbContextOptionsBuilder options) => DatabaseProviders.Configure(options, Provider, ConnectionString);

    /// <summary>A new context (the caller disposes it).</summary>
    public OrchestratorDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<OrchestratorDbContext>();
        Configure(builder);
        return new OrchestratorDbContext(builder.Options);
    }

    /// <summary>Applies every migration.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
    }

    /// <summary>Empties every table except the migrations history.</summary>
    public async Task ResetAsync()
    {
        await using var db = CreateContext();
        var tables = await TablesAsync(db);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            if (tables.Count > 0)
            {
#pragma warning disable EF1003 // Table names come from the catalog.
                await db.Database.ExecuteSqlRawAsync("TRUNCATE TABLE " + string.Join(", ", tables.Select(t => $"\"{t}\"")) + " RESTART IDENTITY CASCADE");
#pragma warning restore EF1003
            }
        }
        else
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=OFF");
            foreach (var t in tables)
            {
#pragma warning disable EF1002 // Table names come from the catalog.
                await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{t}\"");
#pragma warning restore EF1002
            }

            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=ON");
        }
    }

    /// <summary>The user tables, migrations history and lock excluded.</summary>
    /// <param name="db">A context on this database.</param>
    public async Task<List<string>> TablesAsync(OrchestratorDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = Provider == DatabaseProvider.PostgreSql
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var all = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return [.. all.Where(t => t is not "__EFMigrationsHistory" and not "__EFMigrationsLock").Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_sqliteDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }

        return ValueTask.CompletedTask;
    }
}
