using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StaffWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbox_views",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    shared_with_group = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    filters = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_views", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_drafts",
                columns: table => new
                {
                    task_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_drafts", x => new { x.task_id, x.user_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_views_owner_id",
                table: "inbox_views",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_views_shared_with_group",
                table: "inbox_views",
                column: "shared_with_group");

            migrationBuilder.CreateIndex(
                name: "ix_task_drafts_updated_at",
                table: "task_drafts",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_views");

            migrationBuilder.DropTable(
                name: "task_drafts");
        }
    }
}
