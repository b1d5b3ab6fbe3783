using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// The staff workspace: task-form drafts (one per task and person, ciphertext only) and saved inbox views (filters,
/// owner, the group they are shared with).
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261207400000_StaffWorkspace")]
public sealed class StaffWorkspace : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        migrationBuilder.CreateTable(
            name: "task_drafts",
            columns: table => new
            {
                task_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                user_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                content = table.Column<string>(type: t.Text, nullable: false),
                updated_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_task_drafts", x => new { x.task_id, x.user_id }));
        migrationBuilder.CreateIndex("ix_task_drafts_updated_at", "task_drafts", "updated_at");

        const int viewName = Tasks.TaskWorkspaceModel.ViewNameLength;
        migrationBuilder.CreateTable(
            name: "inbox_views",
            columns: table => new
            {
                id = table.Column<Guid>(type: t.UuidColumn, nullable: false),
                owner_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                name = table.Column<string>(type: t.Varchar(viewName), maxLength: viewName, nullable: false),
                shared_with_group = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                filters = table.Column<string>(type: t.Text, nullable: false),
                created_at = m.Time(table, nullable: false),
                updated_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_inbox_views", x => x.id));
        migrationBuilder.CreateIndex("ix_inbox_views_owner_id", "inbox_views", "owner_id");
        migrationBuilder.CreateIndex("ix_inbox_views_shared_with_group", "inbox_views", "shared_with_group");
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("inbox_views");
        migrationBuilder.DropTable("task_drafts");
    }
}
