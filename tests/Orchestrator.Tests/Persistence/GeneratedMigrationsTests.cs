using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Migrations.PostgreSql;
using Orchestrator.Persistence.Migrations.Sqlite;
using Orchestrator.Persistence.Migrations.SqlServer;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// The generated migrations keep up with the model, per provider: a change to the model without
/// <c>dotnet ef migrations add</c> for that provider fails here (and the service would refuse to migrate). Built with
/// the design-time factories the tooling uses; no database is opened, so SQL Server is checked too (its migrations
/// are generated and checked, never run against a live server here). And no hand-written migration joins the frozen
/// set: it would never run on a new database.
/// </summary>
public sealed class GeneratedMigrationsTests
{
    /// <summary>The hand-written migrations, frozen: databases made by them are adopted (DatabaseMigrator).</summary>
    private static readonly string[] HandWritten =
    [
        "20261122000000_Initial", "20261122000100_HistoryByUser", "20261122000200_QuartzTables", "20261122000300_InboxSortKeys",
        "20261122000400_OutboxDelivery", "20261122000500_CaseDocuments", "20261122000600_EmailActionTokens",
        "20261122000700_CaseDomain", "20261122000900_DataProtectionKeys",
    ];

    public static TheoryData<string> Providers => [nameof(DatabaseProvider.Sqlite), nameof(DatabaseProvider.PostgreSql), nameof(DatabaseProvider.SqlServer)];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_model_has_no_changes_without_a_migration(string provider)
    {
        using var db = DesignTimeContext(provider);
        Assert.Equal(DatabaseProviders.FromProviderName(db.Database.ProviderName).ToString(), provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model differs from its snapshot: a model change without a migration. Run `dotnet ef migrations add <Name>` for every provider (src/Orchestrator/Persistence/Migrations/README.md).");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_generated_migrations_start_with_the_baseline(string provider)
    {
        using var db = DesignTimeContext(provider);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal("20261207000000_Baseline", migrations[0]);
        Assert.DoesNotContain(migrations, m => HandWritten.Contains(m));
        Assert.True(string.CompareOrdinal(migrations[0], DatabaseMigrator.LastHandWrittenMigration) > 0);
    }

    [Fact]
    public void No_migration_is_added_to_the_hand_written_set()
    {
        var builder = new DbContextOptionsBuilder<OrchestratorDbContext>();
        DatabaseProviders.Configure(builder, DatabaseProvider.Sqlite, SqliteMigrationContextFactory.DesignTimeConnectionString);
        using var db = new OrchestratorDbContext(builder.Options);
        var added = db.Database.GetMigrations().Except(HandWritten).ToList();
        Assert.True(added.Count == 0,
            $"Hand-written migrations no longer run on a new database: fold {string.Join(", ", added)} into generated migrations for the three providers (src/Orchestrator/Persistence/Migrations/README.md, 'Adding a migration for all three providers').");
        Assert.Equal(DatabaseMigrator.LastHandWrittenMigration, HandWritten[^1]);
    }

    private static OrchestratorDbContext DesignTimeContext(string provider) => Enum.Parse<DatabaseProvider>(provider) switch
    {
        DatabaseProvider.Sqlite => Create(new SqliteMigrationContextFactory()),
        DatabaseProvider.PostgreSql => Create(new PostgreSqlMigrationContextFactory()),
        _ => Create(new SqlServerMigrationContextFactory()),
    };

    private static TContext Create<TContext>(IDesignTimeDbContextFactory<TContext> factory)
        where TContext : DbContext => factory.CreateDbContext([]);
}
