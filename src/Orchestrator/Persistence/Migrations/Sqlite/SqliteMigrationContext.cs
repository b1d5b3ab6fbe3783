using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence.Migrations.Sqlite;

/// <summary>
/// The SQLite migrations' context: the model of <see cref="OrchestratorDbContext"/> unchanged, with the migrations and
/// the model snapshot EF Core's tooling generated for SQLite in this folder. <see cref="DatabaseMigrator"/> applies
/// them; the services keep using <see cref="OrchestratorDbContext"/>.
/// </summary>
public sealed class SqliteMigrationContext(DbContextOptions<SqliteMigrationContext> options) : OrchestratorDbContext(options);
