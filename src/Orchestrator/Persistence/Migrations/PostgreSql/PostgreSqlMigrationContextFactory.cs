using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrator.Persistence.Migrations.PostgreSql;

/// <summary>
/// What <c>dotnet ef migrations add … --context PostgreSqlMigrationContext</c> builds the PostgreSQL model with: the
/// provider as the service configures it, on a server nobody connects to: generating a migration reads the model, not a database.
/// </summary>
internal sealed class PostgreSqlMigrationContextFactory : IDesignTimeDbContextFactory<PostgreSqlMigrationContext>
{
    /// <summary>The connection string the tooling is given: a server nobody connects to: generating a migration reads the model, not a database.</summary>
    public const string DesignTimeConnectionString = "Host=localhost;Database=orchestrator_design_time;Username=unused;Password=unused";

    /// <inheritdoc/>
    public PostgreSqlMigrationContext CreateDbContext(string[] args) =>
        (PostgreSqlMigrationContext)DatabaseMigrator.CreateMigrationContext(DatabaseProvider.PostgreSql, DesignTimeConnectionString);
}
