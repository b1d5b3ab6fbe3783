using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// The inbox as index range scans (the speed goal: a person's task query with 100,000 open tasks). <c>user_tasks.due_sort</c>
/// is the due date as UTC ticks, <c>long.MaxValue</c> without one, so "no due date last" is plain index order on both
/// providers; the candidate rows get copies of the task's inbox keys (<c>offered</c> = open and unclaimed, due_sort,
/// priority, created_at) so that one group's inbox is one range of <c>ix_user_task_candidates_inbox</c>. Existing rows
/// are filled from their task. <c>ix_user_tasks_assignee_inbox</c> replaces <c>ix_user_tasks_status_assignee_due</c>
/// (same prefix) and <c>ix_user_task_candidates_inbox</c> replaces <c>ix_user_task_candidates_kind_name</c>.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000300_InboxSortKeys")]
public sealed class InboxSortKeys : Migration
{
    // DateTimeOffset.UnixEpoch.Ticks: timestamptz → .NET ticks on PostgreSQL (extract(epoch) is exact to the microsecond).
    private const string EpochTicks = "621355968000000000";

    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);

        migrationBuilder.AddColumn<long>("due_sort", "user_tasks", type: t.BigIntColumn, nullable: false, defaultValue: long.MaxValue);
        migrationBuilder.AddColumn<bool>("offered", "user_task_candidates", type: t.BoolColumn, nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<long>("due_sort", "user_task_candidates", type: t.BigIntColumn, nullable: false, defaultValue: long.MaxValue);
        migrationBuilder.AddColumn<int>("priority", "user_task_candidates", type: t.IntColumn, nullable: false, defaultValue: 0);
        if (t.IsSqlite)
        {
            migrationBuilder.AddColumn<long>("created_at", "user_task_candidates", type: t.Time, nullable: false, defaultValue: 0L);
            migrationBuilder.Sql("UPDATE user_tasks SET due_sort = due_at WHERE due_at IS NOT NULL");
            migrationBuilder.Sql("""
                UPDATE user_task_candidates SET
                  offered = (SELECT CASE WHEN t.status = 'open' AND t.assignee IS NULL THEN 1 ELSE 0 END FROM user_tasks t WHERE t.id = user_task_candidates.task_id),
                  due_sort = (SELECT t.due_sort FROM user_tasks t WHERE t.id = user_task_candidates.task_id),
                  priority = (SELECT t.priority FROM user_tasks t WHERE t.id = user_task_candidates.task_id),
                  created_at = (SELECT t.created_at FROM user_tasks t WHERE t.id = user_task_candidates.task_id)
                """);
        }
        else
        {
            migrationBuilder.AddColumn<DateTimeOffset>("created_at", "user_task_candidates", type: t.Time, nullable: false, defaultValue: DateTimeOffset.UnixEpoch);
            migrationBuilder.Sql($"UPDATE user_tasks SET due_sort = (extract(epoch FROM due_at) * 10000000)::bigint + {EpochTicks} WHERE due_at IS NOT NULL");
            migrationBuilder.Sql("""
                UPDATE user_task_candidates c SET
                  offered = (t.status = 'open' AND t.assignee IS NULL), due_sort = t.due_sort, priority = t.priority, created_at = t.created_at
                FROM user_tasks t WHERE t.id = c.task_id
                """);

            // The defaults only filled the new columns of existing rows; every insert writes them (as the model says).
            migrationBuilder.Sql("""
                ALTER TABLE user_tasks ALTER COLUMN due_sort DROP DEFAULT;
                ALTER TABLE user_task_candidates ALTER COLUMN offered DROP DEFAULT, ALTER COLUMN due_sort DROP DEFAULT,
                  ALTER COLUMN priority DROP DEFAULT, ALTER COLUMN created_at DROP DEFAULT;
                """);
        }

        migrationBuilder.DropIndex("ix_user_tasks_status_assignee_due", "user_tasks");
        migrationBuilder.DropIndex("ix_user_task_candidates_kind_name", "user_task_candidates");
        migrationBuilder.CreateIndex("ix_user_tasks_assignee_inbox", "user_tasks", ["status", "assignee", "due_sort", "priority", "created_at", "id"],
            descending: [false, false, false, true, false, false]);
        migrationBuilder.CreateIndex("ix_user_tasks_inbox", "user_tasks", ["status", "due_sort", "priority", "created_at", "id"],
            descending: [false, false, true, false, false]);
        migrationBuilder.CreateIndex("ix_user_task_candidates_inbox", "user_task_candidates", ["kind", "name", "offered", "due_sort", "priority", "created_at", "task_id"],
            descending: [false, false, false, false, true, false, false]);
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_user_task_candidates_inbox", "user_task_candidates");
        migrationBuilder.DropIndex("ix_user_tasks_inbox", "user_tasks");
        migrationBuilder.DropIndex("ix_user_tasks_assignee_inbox", "user_tasks");
        migrationBuilder.CreateIndex("ix_user_task_candidates_kind_name", "user_task_candidates", ["kind", "name", "task_id"]);
        migrationBuilder.CreateIndex("ix_user_tasks_status_assignee_due", "user_tasks", ["status", "assignee", "due_at"]);
        foreach (var column in new[] { "offered", "due_sort", "priority", "created_at" })
        {
            migrationBuilder.DropColumn(column, "user_task_candidates");
        }

        migrationBuilder.DropColumn("due_sort", "user_tasks");
    }
}
