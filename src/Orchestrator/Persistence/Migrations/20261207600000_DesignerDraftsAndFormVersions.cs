using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Designer;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// The designer (issue 14): drafts shared by designers with a revision for optimistic concurrency, the scenarios
/// stored with each deployed process version, and forms versioned with the processes (a task keeps the form of its
/// process version).
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261207600000_DesignerDraftsAndFormVersions")]
public sealed class DesignerDraftsAndFormVersions : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        migrationBuilder.CreateTable(
            name: DesignerModel.Drafts,
            columns: table => new
            {
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                base_version = table.Column<int>(type: t.IntColumn, nullable: true),
                xml = table.Column<string>(type: t.Text, nullable: false),
                forms = table.Column<string>(type: t.Text, nullable: false),
                scenarios = table.Column<string>(type: t.Text, nullable: false),
                revision = table.Column<int>(type: t.IntColumn, nullable: false),
                created_by = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                updated_by = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                updated_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_designer_drafts", x => x.process_id));

        migrationBuilder.CreateTable(
            name: DesignerModel.Scenarios,
            columns: table => new
            {
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                process_version = table.Column<int>(type: t.IntColumn, nullable: false),
                name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                content = table.Column<string>(type: t.Text, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_definition_scenarios", x => new { x.process_id, x.process_version, x.name }));

        migrationBuilder.CreateTable(
            name: DesignerModel.FormVersions,
            columns: table => new
            {
                form_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                version = table.Column<int>(type: t.IntColumn, nullable: false),
                schema = table.Column<string>(type: t.Text, nullable: false),
                content_hash = table.Column<string>(type: t.Varchar(HashLength), maxLength: HashLength, nullable: false),
                source_name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                deployed_by = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                deployed_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_form_versions", x => new { x.form_key, x.version }));

        migrationBuilder.CreateTable(
            name: DesignerModel.DefinitionForms,
            columns: table => new
            {
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                process_version = table.Column<int>(type: t.IntColumn, nullable: false),
                form_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                form_version = table.Column<int>(type: t.IntColumn, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_definition_forms", x => new { x.process_id, x.process_version, x.form_key }));
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(DesignerModel.DefinitionForms);
        migrationBuilder.DropTable(DesignerModel.FormVersions);
        migrationBuilder.DropTable(DesignerModel.Scenarios);
        migrationBuilder.DropTable(DesignerModel.Drafts);
    }
}
