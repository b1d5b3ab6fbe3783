using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrator.Persistence.Migrations.Sqlite;

/// <summary>
/// What <c>dotnet ef migrations add … --context SqliteMigrationContext</c> builds the SQLite model with: the
/// provider as the service configures it, on a file nobody opens: generating a migration reads the model, not a database.
/// </summary>
internal sealed class SqliteMigrationContextFactory : IDesignTimeDbContextFactory<SqliteMigrationContext>
{
    /// <summary>The connection string the tooling is given: a file nobody opens: generating a migration reads the model, not a database.</summary>
    public const string DesignTimeConnectionString = "Data Source=design-time.db";

    /// <inheritdoc/>
    public SqliteMigrationContext CreateDbContext(string[] args) =>
        (SqliteMigrationContext)DatabaseMigrator.CreateMigrationContext(DatabaseProvider.Sqlite, DesignTimeConnectionString);
}
