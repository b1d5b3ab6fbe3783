using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrator.Persistence.Migrations.SqlServer;

/// <summary>
/// What <c>dotnet ef migrations add … --context SqlServerMigrationContext</c> builds the SQL Server model with: the
/// provider as the service configures it, on a server nobody connects to: generating a migration reads the model, not a database.
/// </summary>
internal sealed class SqlServerMigrationContextFactory : IDesignTimeDbContextFactory<SqlServerMigrationContext>
{
    /// <summary>The connection string the tooling is given: a server nobody connects to: generating a migration reads the model, not a database.</summary>
    public const string DesignTimeConnectionString = "Server=localhost;Database=OrchestratorDesignTime;User Id=unused;Password=unused;TrustServerCertificate=True";

    /// <inheritdoc/>
    public SqlServerMigrationContext CreateDbContext(string[] args) =>
        (SqlServerMigrationContext)DatabaseMigrator.CreateMigrationContext(DatabaseProvider.SqlServer, DesignTimeConnectionString);
}
