using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// ASP.NET Core's data-protection keys in the database (the shape <c>PersistKeysToDbContext</c> reads), so that every
/// node on one PostgreSQL database signs and opens the same cookies, anti-forgery fields and email-action links.
/// Created on SQLite too (one schema for both), where the keys stay in <c>data/keys</c> by default.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000900_DataProtectionKeys")]
public sealed class DataProtectionKeys : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: table => new
            {
                id = m.Identity(table.Column<int>(type: t.IntColumn, nullable: false)),
                friendly_name = table.Column<string>(type: t.Text, nullable: true),
                xml = table.Column<string>(type: t.Text, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_data_protection_keys", x => x.id));
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("data_protection_keys");
    }
}
