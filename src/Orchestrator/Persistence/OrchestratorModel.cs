using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Orchestrator.Persistence;

/// <summary>The mapping of the engine tables; the migrations create exactly this (SchemaTests check it).</summary>
internal static class OrchestratorModel
{
    // Lengths shared with the migrations.
    public const int IdLength = 100;
    public const int NameLength = 200;
    public const int StatusLength = 20;
    public const int HashLength = 64;
    public const int EmailLength = 320;
    public const int MessageLength = 4000;
    public const int OutboxMessageIdLength = 300;

    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        builder.Entity<Security.StaffUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(NameLength).IsRequired();
            b.Property(u => u.Language).HasMaxLength(10).IsRequired();
        });

        builder.Entity<DefinitionRecord>(b =>
        {
            b.ToTable("process_definitions");
            b.HasKey(x => new { x.ProcessId, x.Version }).HasName("pk_process_definitions");
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Int(b.Property(x => x.Version), "version", t);
            Str(b.Property(x => x.Name), "name", t, NameLength, nullable: true);
            Str(b.Property(x => x.SourceName), "source_name", t, NameLength);
            Text(b.Property(x => x.Xml), "xml", t);
            Str(b.Property(x => x.ContentHash), "content_hash", t, HashLength);
            Str(b.Property(x => x.DeployedBy), "deployed_by", t, NameLength);
            Time(b.Property(x => x.DeployedAt), "deployed_at", t);
        });

        builder.Entity<InstanceRecord>(b =>
        {
            b.ToTable("process_instances");
            b.HasKey(x => x.Id).HasName("pk_process_instances");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Int(b.Property(x => x.Version), "version", t);
            Str(b.Property(x => x.BusinessKey), "business_key", t, NameLength, nullable: true);
            Str(b.Property(x => x.Status), "status", t, StatusLength);
            Text(b.Property(x => x.State), "state", t);
            Str(b.Property(x => x.ParentId), "parent_id", t, IdLength, nullable: true);
            Time(b.Property(x => x.StartedAt), "started_at", t);
            Time(b.Property(x => x.EndedAt), "ended_at", t, nullable: true);
            Time(b.Property(x => x.UpdatedAt), "updated_at", t);
            Int(b.Property(x => x.RowVersion), "row_version", t).IsConcurrencyToken();
            b.HasIndex(x => x.BusinessKey).HasDatabaseName("ix_process_instances_business_key");
            b.HasIndex(x => new { x.ProcessId, x.Status }).HasDatabaseName("ix_process_instances_process_status");
            b.HasIndex(x => x.ParentId).HasDatabaseName("ix_process_instances_parent_id");

            // Supervision (migration 20261207500000_SupervisionCounts): the running instances per process and version,
            // and where they wait, are read from this index alone, never from the rows with their state documents.
            Text(b.Property(x => x.ActiveElements), "active_elements", t, nullable: true);
            b.HasIndex(x => new { x.Status, x.ProcessId, x.Version, x.ActiveElements }).HasDatabaseName("ix_process_instances_waiting");
        });

        builder.Entity<TaskRecord>(b =>
        {
            b.ToTable("user_tasks");
            b.HasKey(x => x.Id).HasName("pk_user_tasks");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength);
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Str(b.Property(x => x.BusinessKey), "business_key", t, NameLength, nullable: true);
            Str(b.Property(x => x.ElementId), "element_id", t, NameLength);
            Str(b.Property(x => x.Name), "name", t, NameLength, nullable: true);
            Str(b.Property(x => x.Assignee), "assignee", t, NameLength, nullable: true);
            Time(b.Property(x => x.Due), "due_at", t, nullable: true);
            Time(b.Property(x => x.FollowUp), "follow_up_at", t, nullable: true);
            Int(b.Property(x => x.Priority), "priority", t);
            Long(b.Property(x => x.DueSort), "due_sort", t);
            Str(b.Property(x => x.FormKey), "form_key", t, NameLength, nullable: true);
            Str(b.Property(x => x.ExternalRecipient), "external_recipient", t, EmailLength, nullable: true);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Str(b.Property(x => x.Status), "status", t, StatusLength);
            Time(b.Property(x => x.EndedAt), "ended_at", t, nullable: true);
            Str(b.Property(x => x.EndedBy), "ended_by", t, NameLength, nullable: true);
            b.HasMany(x => x.Candidates).WithOne().HasForeignKey(c => c.TaskId).HasConstraintName("fk_user_task_candidates_task").OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(x => x.InstanceId).HasDatabaseName("ix_user_tasks_instance_id");
            b.HasIndex(x => new { x.Status, x.Due }).HasDatabaseName("ix_user_tasks_status_due");

            // The inbox order (due_sort, priority desc, created_at, id) behind an equality prefix: "my tasks" and
            // "all open tasks" are index range scans that stop after one page (migration 20261122000300_InboxSortKeys).
            b.HasIndex(x => new { x.Status, x.Assignee, x.DueSort, x.Priority, x.CreatedAt, x.Id }).HasDatabaseName("ix_user_tasks_assignee_inbox")
                .IsDescending(false, false, false, true, false, false);
            b.HasIndex(x => new { x.Status, x.DueSort, x.Priority, x.CreatedAt, x.Id }).HasDatabaseName("ix_user_tasks_inbox")
                .IsDescending(false, false, true, false, false);
        });

        builder.Entity<TaskCandidateRecord>(b =>
        {
            b.ToTable("user_task_candidates");
            b.HasKey(x => new { x.TaskId, x.Kind, x.Name }).HasName("pk_user_task_candidates");
            Str(b.Property(x => x.TaskId), "task_id", t, IdLength);
            Str(b.Property(x => x.Kind), "kind", t, StatusLength);
            Str(b.Property(x => x.Name), "name", t, NameLength);
            b.Property(x => x.Offered).HasColumnName("offered").HasColumnType(t.BoolColumn);
            Long(b.Property(x => x.DueSort), "due_sort", t);
            Int(b.Property(x => x.Priority), "priority", t);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => new { x.Kind, x.Name, x.Offered, x.DueSort, x.Priority, x.CreatedAt, x.TaskId }).HasDatabaseName("ix_user_task_candidates_inbox")
                .IsDescending(false, false, false, false, true, false, false);
        });

        builder.Entity<TimerRecord>(b =>
        {
            b.ToTable("timers");
            b.HasKey(x => x.Id).HasName("pk_timers");
            Str(b.Property(x => x.Id), "id", t, IdLength + NameLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Int(b.Property(x => x.ProcessVersion), "process_version", t);
            Str(b.Property(x => x.ElementId), "element_id", t, NameLength);
            Time(b.Property(x => x.DueAt), "due_at", t);
            Int(b.Property(x => x.Repetitions), "repetitions", t);
            Str(b.Property(x => x.Cycle), "cycle", t, NameLength, nullable: true);
            Str(b.Property(x => x.Status), "status", t, StatusLength);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Time(b.Property(x => x.FiredAt), "fired_at", t, nullable: true);
            b.HasIndex(x => new { x.Status, x.DueAt }).HasDatabaseName("ix_timers_status_due");
            b.HasIndex(x => x.InstanceId).HasDatabaseName("ix_timers_instance_id");
        });

        builder.Entity<JobRecord>(b =>
        {
            b.ToTable("jobs");
            b.HasKey(x => x.Id).HasName("pk_jobs");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength);
            Str(b.Property(x => x.ElementId), "element_id", t, NameLength);
            Str(b.Property(x => x.Type), "type", t, NameLength);
            Str(b.Property(x => x.Kind), "kind", t, StatusLength);
            Int(b.Property(x => x.Retries), "retries", t);
            Time(b.Property(x => x.DueAt), "due_at", t);
            Str(b.Property(x => x.LeaseOwner), "lease_owner", t, NameLength, nullable: true);
            Time(b.Property(x => x.LeaseUntil), "lease_until", t, nullable: true);
            Int(b.Property(x => x.Attempts), "attempts", t);
            Str(b.Property(x => x.LastError), "last_error", t, MessageLength, nullable: true);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => x.DueAt).HasDatabaseName("ix_jobs_due");
            b.HasIndex(x => x.InstanceId).HasDatabaseName("ix_jobs_instance_id");
        });

        builder.Entity<SubscriptionRecord>(b =>
        {
            b.ToTable("message_subscriptions");
            b.HasKey(x => x.Id).HasName("pk_message_subscriptions");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength);
            Str(b.Property(x => x.ElementId), "element_id", t, NameLength);
            Str(b.Property(x => x.MessageName), "message_name", t, NameLength);
            Str(b.Property(x => x.CorrelationKey), "correlation_key", t, NameLength, nullable: true);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => new { x.MessageName, x.CorrelationKey }).HasDatabaseName("ix_message_subscriptions_name_key");
            b.HasIndex(x => x.InstanceId).HasDatabaseName("ix_message_subscriptions_instance_id");
        });

        builder.Entity<IncidentRecord>(b =>
        {
            b.ToTable("incidents");
            b.HasKey(x => x.Id).HasName("pk_incidents");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength);
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Str(b.Property(x => x.ElementId), "element_id", t, NameLength);
            Str(b.Property(x => x.Type), "type", t, NameLength);
            Str(b.Property(x => x.Message), "message", t, MessageLength);
            Str(b.Property(x => x.Status), "status", t, StatusLength);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Time(b.Property(x => x.ResolvedAt), "resolved_at", t, nullable: true);
            b.HasIndex(x => new { x.Status, x.CreatedAt }).HasDatabaseName("ix_incidents_status_created");
            b.HasIndex(x => x.InstanceId).HasDatabaseName("ix_incidents_instance_id");
        });

        builder.Entity<HistoryRecord>(b =>
        {
            b.ToTable("history");
            b.HasKey(x => x.Sequence).HasName("pk_history");
            var seq = b.Property(x => x.Sequence).HasColumnName("sequence").HasColumnType(t.BigIntColumn).ValueGeneratedOnAdd();
            if (t.Provider == DatabaseProvider.PostgreSql)
            {
                seq.UseIdentityByDefaultColumn();
            }

            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            Time(b.Property(x => x.At), "at", t);
            Str(b.Property(x => x.Type), "type", t, 50);
            Str(b.Property(x => x.ElementId), "element_id", t, NameLength, nullable: true);
            Str(b.Property(x => x.ItemId), "item_id", t, IdLength + NameLength, nullable: true);
            Str(b.Property(x => x.UserId), "user_id", t, NameLength, nullable: true);
            Text(b.Property(x => x.Detail), "detail", t, nullable: true);
            b.HasIndex(x => new { x.InstanceId, x.Sequence }).HasDatabaseName("ix_history_instance_sequence");
            b.HasIndex(x => new { x.UserId, x.At }).HasDatabaseName("ix_history_user_at"); // migration 20261122000100_HistoryByUser

            // The audit of one case: rows about no instance (case reads, searches) by the case id; only those rows are
            // in the index, so the engine's many instance rows pay nothing for it (migration 20261207500000_SupervisionCounts).
            b.HasIndex(x => new { x.ItemId, x.Sequence }).HasDatabaseName("ix_history_item_without_instance").HasFilter("instance_id IS NULL");
        });

        builder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable("idempotency_keys");
            b.HasKey(x => new { x.Key, x.Actor }).HasName("pk_idempotency_keys");
            Str(b.Property(x => x.Key), "key", t, NameLength);
            Str(b.Property(x => x.Actor), "actor", t, NameLength);
            Str(b.Property(x => x.RequestHash), "request_hash", t, HashLength);
            Int(b.Property(x => x.ResponseStatus), "response_status", t);
            Text(b.Property(x => x.ResponseBody), "response_body", t, nullable: true);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_idempotency_keys_created");
        });

        builder.Entity<OutboxRecord>(b =>
        {
            b.ToTable("outbox");
            b.HasKey(x => x.Id).HasName("pk_outbox");
            b.Property(x => x.Id).HasColumnName("id").HasColumnType(t.UuidColumn).ValueGeneratedNever();
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Str(b.Property(x => x.Kind), "kind", t, 50);
            Text(b.Property(x => x.Payload), "payload", t);
            Str(b.Property(x => x.Status), "status", t, StatusLength);
            Int(b.Property(x => x.Attempts), "attempts", t);
            Time(b.Property(x => x.NextAttemptAt), "next_attempt_at", t, nullable: true);
            Time(b.Property(x => x.SentAt), "sent_at", t, nullable: true);
            Str(b.Property(x => x.LastError), "last_error", t, MessageLength, nullable: true);
            Str(b.Property(x => x.LeaseOwner), "lease_owner", t, NameLength, nullable: true); // migration 20261122000400_OutboxDelivery
            Time(b.Property(x => x.LeaseUntil), "lease_until", t, nullable: true);
            Str(b.Property(x => x.MessageId), "message_id", t, OutboxMessageIdLength, nullable: true);
            b.HasIndex(x => new { x.Status, x.NextAttemptAt }).HasDatabaseName("ix_outbox_status_next_attempt");
            b.HasIndex(x => new { x.Status, x.CreatedAt }).HasDatabaseName("ix_outbox_status_created"); // the admin list, newest first
        });

        // Migration 20261122000600_EmailActionTokens.
        builder.Entity<EmailActionTokenRecord>(b =>
        {
            b.ToTable("email_action_tokens");
            b.HasKey(x => x.Id).HasName("pk_email_action_tokens");
            b.Property(x => x.Id).HasColumnName("id").HasColumnType(t.UuidColumn).ValueGeneratedNever();
            Str(b.Property(x => x.TokenHash), "token_hash", t, HashLength);
            Str(b.Property(x => x.TaskId), "task_id", t, IdLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength);
            Str(b.Property(x => x.Recipient), "recipient", t, EmailLength);
            Str(b.Property(x => x.Language), "language", t, 10, nullable: true);
            Time(b.Property(x => x.ExpiresAt), "expires_at", t);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Time(b.Property(x => x.UsedAt), "used_at", t, nullable: true);
            Str(b.Property(x => x.UsedOutcome), "used_outcome", t, StatusLength, nullable: true);
            Time(b.Property(x => x.ExpiredNotifiedAt), "expired_notified_at", t, nullable: true);
            b.HasIndex(x => x.TokenHash).IsUnique().HasDatabaseName("ix_email_action_tokens_token_hash");
            b.HasIndex(x => x.TaskId).HasDatabaseName("ix_email_action_tokens_task_id");
        });
    }

    internal static PropertyBuilder Str(PropertyBuilder p, string column, ColumnTypes t, int max, bool nullable = false) =>
        p.HasColumnName(column).HasColumnType(t.Varchar(max)).HasMaxLength(max).IsRequired(!nullable);

    internal static PropertyBuilder Text(PropertyBuilder p, string column, ColumnTypes t, bool nullable = false) =>
        p.HasColumnName(column).HasColumnType(t.Text).IsRequired(!nullable);

    internal static PropertyBuilder<int> Int(PropertyBuilder<int> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.IntColumn);

    internal static PropertyBuilder<long> Long(PropertyBuilder<long> p, string column, ColumnTypes t) =>
        p.HasColumnName(column).HasColumnType(t.BigIntColumn);

    internal static void Time(PropertyBuilder<DateTimeOffset> p, string column, ColumnTypes t)
    {
        p.HasColumnName(column).HasColumnType(t.Time);
        if (t.IsSqlite)
        {
            p.HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        }
        else
        {
            p.HasConversion(v => v.ToUniversalTime(), v => v);
        }
    }

    internal static void Time(PropertyBuilder<DateTimeOffset?> p, string column, ColumnTypes t, bool nullable)
    {
        p.HasColumnName(column).HasColumnType(t.Time).IsRequired(!nullable);
        if (t.IsSqlite)
        {
            p.HasConversion(v => v.HasValue ? v.Value.UtcTicks : (long?)null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        }
        else
        {
            p.HasConversion(v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v);
        }
    }
}
