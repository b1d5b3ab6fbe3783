using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence.Migrations.PostgreSql;

/// <summary>
/// The PostgreSQL migrations' context: the model of <see cref="OrchestratorDbContext"/> unchanged, with the migrations and
/// the model snapshot EF Core's tooling generated for PostgreSQL in this folder. <see cref="DatabaseMigrator"/> applies
/// them; the services keep using <see cref="OrchestratorDbContext"/>.
/// </summary>
public sealed class PostgreSqlMigrationContext(DbContextOptions<PostgreSqlMigrationContext> options) : OrchestratorDbContext(options);
