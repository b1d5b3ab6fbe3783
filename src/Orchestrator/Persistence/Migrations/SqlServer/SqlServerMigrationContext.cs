using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence.Migrations.SqlServer;

/// <summary>
/// The SQL Server migrations' context: the model of <see cref="OrchestratorDbContext"/> unchanged, with the migrations and
/// the model snapshot EF Core's tooling generated for SQL Server in this folder. <see cref="DatabaseMigrator"/> applies
/// them; the services keep using <see cref="OrchestratorDbContext"/>. Built and its migrations generated and
/// checked for pending model changes, but never run against a live SQL Server here.
/// </summary>
public sealed class SqlServerMigrationContext(DbContextOptions<SqlServerMigrationContext> options) : OrchestratorDbContext(options);
