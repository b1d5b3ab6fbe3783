using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SupervisionCountsAndDesignerDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "active_elements",
                table: "process_instances",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "definition_forms",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    process_version = table.Column<int>(type: "integer", nullable: false),
                    form_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    form_version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_definition_forms", x => new { x.process_id, x.process_version, x.form_key });
                });

            migrationBuilder.CreateTable(
                name: "definition_scenarios",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    process_version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_definition_scenarios", x => new { x.process_id, x.process_version, x.name });
                });

            migrationBuilder.CreateTable(
                name: "designer_drafts",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    base_version = table.Column<int>(type: "integer", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: false),
                    forms = table.Column<string>(type: "text", nullable: false),
                    scenarios = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_designer_drafts", x => x.process_id);
                });

            migrationBuilder.CreateTable(
                name: "form_versions",
                columns: table => new
                {
                    form_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    schema = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deployed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deployed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_versions", x => new { x.form_key, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_waiting",
                table: "process_instances",
                columns: new[] { "status", "process_id", "version", "active_elements" });

            migrationBuilder.CreateIndex(
                name: "ix_history_item_without_instance",
                table: "history",
                columns: new[] { "item_id", "sequence" },
                filter: "instance_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "definition_forms");

            migrationBuilder.DropTable(
                name: "definition_scenarios");

            migrationBuilder.DropTable(
                name: "designer_drafts");

            migrationBuilder.DropTable(
                name: "form_versions");

            migrationBuilder.DropIndex(
                name: "ix_process_instances_waiting",
                table: "process_instances");

            migrationBuilder.DropIndex(
                name: "ix_history_item_without_instance",
                table: "history");

            migrationBuilder.DropColumn(
                name: "active_elements",
                table: "process_instances");
        }
    }
}
