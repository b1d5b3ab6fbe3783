using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Tasks;

/// <summary>The mapping of the staff workspace's tables; migration <c>20261207400000_StaffWorkspace</c> creates exactly this.</summary>
internal static class TaskWorkspaceModel
{
    /// <summary>The longest name of a saved view.</summary>
    public const int ViewNameLength = 100;

    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        builder.Entity<TaskDraftRecord>(b =>
        {
            b.ToTable("task_drafts");
            b.HasKey(x => new { x.TaskId, x.UserId }).HasName("pk_task_drafts");
            OrchestratorModel.Str(b.Property(x => x.TaskId), "task_id", t, OrchestratorModel.IdLength);
            OrchestratorModel.Str(b.Property(x => x.UserId), "user_id", t, OrchestratorModel.NameLength);
            OrchestratorModel.Text(b.Property(x => x.Content), "content", t);
            OrchestratorModel.Time(b.Property(x => x.UpdatedAt), "updated_at", t);
            b.HasIndex(x => x.UpdatedAt).HasDatabaseName("ix_task_drafts_updated_at");
        });

        builder.Entity<InboxViewRecord>(b =>
        {
            b.ToTable("inbox_views");
            b.HasKey(x => x.Id).HasName("pk_inbox_views");
            b.Property(x => x.Id).HasColumnName("id").HasColumnType(t.UuidColumn).ValueGeneratedNever();
            OrchestratorModel.Str(b.Property(x => x.OwnerId), "owner_id", t, OrchestratorModel.NameLength);
            OrchestratorModel.Str(b.Property(x => x.Name), "name", t, ViewNameLength);
            OrchestratorModel.Str(b.Property(x => x.SharedWithGroup), "shared_with_group", t, OrchestratorModel.NameLength, nullable: true);
            OrchestratorModel.Text(b.Property(x => x.Filters), "filters", t);
            OrchestratorModel.Time(b.Property(x => x.CreatedAt), "created_at", t);
            OrchestratorModel.Time(b.Property(x => x.UpdatedAt), "updated_at", t);
            b.HasIndex(x => x.OwnerId).HasDatabaseName("ix_inbox_views_owner_id");
            b.HasIndex(x => x.SharedWithGroup).HasDatabaseName("ix_inbox_views_shared_with_group");
        });
    }
}
