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
    /// The schemas Respawn empties: the model's tables (<c>public</c>) and Hangfire's (<c>hangfire</c>, outside the EF
    /// model, made by Hangfire's storage when a scheduler first starts on the database). Hangfire's rows are emptied
    /// deliberately: its jobs name timer rows and links of the engine, and a job left over from an earlier test would
    /// run in the next one (a no-op firing that test would count). Its tables stay, with their schema version
    /// (<see cref="KeptTables"/>), so a scheduler started afterwards uses them as they are.
    /// </summary>
    private static readonly string[] ResetSchemas = ["public", "hangfire"];

    /// <summary>
    /// The tables Respawn leaves alone: the migrations history (the schema stays migrated), EF Core's migration lock, and
    /// Hangfire's <c>schema</c> table, which records the version of its tables: emptied, Hangfire would run its install
    /// script again over the existing tables.
    /// </summary>
    private static readonly string[] KeptTables = ["__EFMigrationsHistory", "__EFMigrationsLock", "schema"];

    private readonly string? _sqliteDirectory;
    private Respawner? _respawner;
    private bool _respawnerSawHangfire;

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

        // The respawner reads the catalog once; Hangfire's tables appear when a scheduler first starts here.
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'hangfire')", connection))
        {
            var hangfire = await exists.ExecuteScalarAsync() is true;
            if (hangfire != _respawnerSawHangfire)
            {
                (_respawner, _respawnerSawHangfire) = (null, hangfire);
            }
        }

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
