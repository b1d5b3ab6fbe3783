using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Orchestrator.Persistence;
using Respawn;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>
/// A database for one test class: a SQLite file in a temp folder or a fresh database on the test PostgreSQL server.
/// A PostgreSQL database shared by the tests of a class is emptied between them by Respawn (<see cref="ResetAsync"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>
    /// The schemas Respawn empties: the model's tables (<c>public</c>) and the scheduler's (<c>quartz</c>, outside the
    /// EF model). The scheduler's rows are emptied deliberately: its triggers name timer rows of the engine, and a
    /// trigger left over from an earlier test would fire on a row that the reset removed. Its lock rows go too;
    /// Quartz inserts a missing lock row when it next takes the lock.
    /// </summary>
    private static readonly string[] ResetSchemas = ["public", "quartz"];

    /// <summary>
    /// The tables Respawn leaves alone: the migrations history (the schema stays migrated) and EF Core's migration
    /// lock. A scheduler that records its own schema version in a table (Hangfire's <c>schema</c>) must be listed
    /// here, or it would re-create its tables over the existing ones.
    /// </summary>
    private static readonly string[] KeptTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    private readonly string? _sqliteDirectory;
    private Respawner? _respawner;

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

    /// <summary>A new context as the services use it (the caller disposes it).</summary>
    public OrchestratorDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<OrchestratorDbContext>();
        Configure(builder);
        return new OrchestratorDbContext(builder.Options);
    }

    /// <summary>A new context with this provider's generated migrations (the caller disposes it).</summary>
    public OrchestratorDbContext CreateMigrationContext() => DatabaseMigrator.CreateMigrationContext(Provider, ConnectionString);

    /// <summary>Applies every migration, as the service does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
    }

    /// <summary>
    /// Applies the hand-written migrations up to <paramref name="migration"/> (a database as an earlier version of the
    /// service left it; <see cref="DatabaseMigrator.LastHandWrittenMigration"/> is the last).
    /// </summary>
    /// <param name="migration">The id of the hand-written migration to stop at.</param>
    public async Task MigrateHandWrittenAsync(string migration)
    {
        await using var db = CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }

    /// <summary>
    /// Empties every table of a migrated PostgreSQL database with Respawn, schemas <see cref="ResetSchemas"/>, except
    /// <see cref="KeptTables"/>, and restarts the identity sequences. SQLite databases are not shared between tests
    /// (a new file costs nothing), so there is nothing to reset.
    /// </summary>
    public async Task ResetAsync()
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("Only the PostgreSQL test databases are shared and reset; make a new SQLite database per test instead.");
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ResetSchemas,
            TablesToIgnore = [.. KeptTables.Select(t => new Respawn.Graph.Table(t))],
            WithReseed = true,
        });
        await _respawner.ResetAsync(connection);
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
