using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Persistence;

/// <summary><c>Database:Provider</c>: the three providers, their column types, and the errors a bad setting gets.</summary>
public sealed class DatabaseProvidersTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    [InlineData("npgsql", DatabaseProvider.PostgreSql)]
    [InlineData("SqlServer", DatabaseProvider.SqlServer)]
    [InlineData(" mssql ", DatabaseProvider.SqlServer)]
    public void The_setting_names_a_provider(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseProviders.Parse(value));

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_setting_and_the_choices()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DatabaseProviders.Parse("Oracle"));
        Assert.Equal("Database:Provider 'Oracle' is not supported; use Sqlite, PostgreSql or SqlServer.", e.Message);
    }

    [Theory]
    [InlineData(DatabaseProviders.SqliteName, "TEXT", "INTEGER", "INTEGER", "BLOB")]
    [InlineData(DatabaseProviders.NpgsqlName, "character varying(200)", "timestamp with time zone", "boolean", "bytea")]
    [InlineData(DatabaseProviders.SqlServerName, "nvarchar(200)", "datetimeoffset", "bit", "varbinary(max)")]
    public void Each_provider_has_its_column_types(string providerName, string varchar, string time, string flag, string bytes)
    {
        var t = DatabaseProviders.Types(providerName);
        Assert.Equal((varchar, time, flag, bytes), (t.Varchar(200), t.Time, t.BoolColumn, t.Bytes));
    }

    [Fact]
    public void A_server_provider_without_a_connection_string_stops_naming_both()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "SqlServer" }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOrchestratorPersistence(configuration));
        Assert.Equal("Database:Provider is SqlServer but ConnectionStrings:Orchestrator is not set.", e.Message);
    }

    [Fact]
    public void The_migration_context_of_each_provider_runs_on_that_provider()
    {
        foreach (var (provider, name) in new[] { (DatabaseProvider.Sqlite, DatabaseProviders.SqliteName), (DatabaseProvider.PostgreSql, DatabaseProviders.NpgsqlName), (DatabaseProvider.SqlServer, DatabaseProviders.SqlServerName) })
        {
            using var db = DatabaseMigrator.CreateMigrationContext(provider, provider switch
            {
                DatabaseProvider.Sqlite => "Data Source=unused.db",
                DatabaseProvider.PostgreSql => "Host=localhost;Database=unused",
                _ => "Server=localhost;Database=unused",
            });
            Assert.Equal(name, db.Database.ProviderName);
            Assert.NotEqual(typeof(OrchestratorDbContext), db.GetType());
        }
    }
}
