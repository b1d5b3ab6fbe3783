using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// The first schema: Identity's tables and the engine's tables. Hand-written (the EF design tools cannot be restored
/// here) and provider-neutral: column types come from <see cref="DatabaseProviders.Types"/> for the active provider,
/// the same source the model uses. SchemaTests prove that the migrated schema equals the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        CreateIdentity(migrationBuilder, t, m);

        migrationBuilder.CreateTable(
            name: "process_definitions",
            columns: table => new
            {
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                version = table.Column<int>(type: t.IntColumn, nullable: false),
                name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                source_name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                xml = table.Column<string>(type: t.Text, nullable: false),
                content_hash = table.Column<string>(type: t.Varchar(HashLength), maxLength: HashLength, nullable: false),
                deployed_by = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                deployed_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_process_definitions", x => new { x.process_id, x.version }));

        migrationBuilder.CreateTable(
            name: "process_instances",
            columns: table => new
            {
                id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                version = table.Column<int>(type: t.IntColumn, nullable: false),
                business_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                status = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                state = table.Column<string>(type: t.Text, nullable: false),
                parent_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: true),
                started_at = m.Time(table, nullable: false),
                ended_at = m.Time(table, nullable: true),
                updated_at = m.Time(table, nullable: false),
                row_version = table.Column<int>(type: t.IntColumn, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_process_instances", x => x.id));
        migrationBuilder.CreateIndex("ix_process_instances_business_key", "process_instances", "business_key");
        migrationBuilder.CreateIndex("ix_process_instances_process_status", "process_instances", ["process_id", "status"]);
        migrationBuilder.CreateIndex("ix_process_instances_parent_id", "process_instances", "parent_id");

        migrationBuilder.CreateTable(
            name: "user_tasks",
            columns: table => new
            {
                id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                business_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                element_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                assignee = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                due_at = m.Time(table, nullable: true),
                follow_up_at = m.Time(table, nullable: true),
                priority = table.Column<int>(type: t.IntColumn, nullable: false),
                form_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                external_recipient = table.Column<string>(type: t.Varchar(EmailLength), maxLength: EmailLength, nullable: true),
                created_at = m.Time(table, nullable: false),
                status = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                ended_at = m.Time(table, nullable: true),
                ended_by = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_user_tasks", x => x.id));
        migrationBuilder.CreateIndex("ix_user_tasks_instance_id", "user_tasks", "instance_id");
        migrationBuilder.CreateIndex("ix_user_tasks_status_assignee_due", "user_tasks", ["status", "assignee", "due_at"]);
        migrationBuilder.CreateIndex("ix_user_tasks_status_due", "user_tasks", ["status", "due_at"]);

        migrationBuilder.CreateTable(
            name: "user_task_candidates",
            columns: table => new
            {
                task_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                kind = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_task_candidates", x => new { x.task_id, x.kind, x.name });
                table.ForeignKey("fk_user_task_candidates_task", x => x.task_id, "user_tasks", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_user_task_candidates_kind_name", "user_task_candidates", ["kind", "name", "task_id"]);

        migrationBuilder.CreateTable(
            name: "timers",
            columns: table => new
            {
                id = table.Column<string>(type: t.Varchar(IdLength + NameLength), maxLength: IdLength + NameLength, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: true),
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                process_version = table.Column<int>(type: t.IntColumn, nullable: false),
                element_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                due_at = m.Time(table, nullable: false),
                repetitions = table.Column<int>(type: t.IntColumn, nullable: false),
                cycle = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                status = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                created_at = m.Time(table, nullable: false),
                fired_at = m.Time(table, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_timers", x => x.id));
        migrationBuilder.CreateIndex("ix_timers_status_due", "timers", ["status", "due_at"]);
        migrationBuilder.CreateIndex("ix_timers_instance_id", "timers", "instance_id");

        migrationBuilder.CreateTable(
            name: "jobs",
            columns: table => new
            {
                id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                element_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                type = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                kind = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                retries = table.Column<int>(type: t.IntColumn, nullable: false),
                due_at = m.Time(table, nullable: false),
                lease_owner = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                lease_until = m.Time(table, nullable: true),
                attempts = table.Column<int>(type: t.IntColumn, nullable: false),
                last_error = table.Column<string>(type: t.Varchar(MessageLength), maxLength: MessageLength, nullable: true),
                created_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_jobs", x => x.id));
        migrationBuilder.CreateIndex("ix_jobs_due", "jobs", "due_at");
        migrationBuilder.CreateIndex("ix_jobs_instance_id", "jobs", "instance_id");

        migrationBuilder.CreateTable(
            name: "message_subscriptions",
            columns: table => new
            {
                id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                element_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                message_name = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                correlation_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                created_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_message_subscriptions", x => x.id));
        migrationBuilder.CreateIndex("ix_message_subscriptions_name_key", "message_subscriptions", ["message_name", "correlation_key"]);
        migrationBuilder.CreateIndex("ix_message_subscriptions_instance_id", "message_subscriptions", "instance_id");

        migrationBuilder.CreateTable(
            name: "incidents",
            columns: table => new
            {
                id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                process_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                element_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                type = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                message = table.Column<string>(type: t.Varchar(MessageLength), maxLength: MessageLength, nullable: false),
                status = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                created_at = m.Time(table, nullable: false),
                resolved_at = m.Time(table, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_incidents", x => x.id));
        migrationBuilder.CreateIndex("ix_incidents_status_created", "incidents", ["status", "created_at"]);
        migrationBuilder.CreateIndex("ix_incidents_instance_id", "incidents", "instance_id");

        migrationBuilder.CreateTable(
            name: "history",
            columns: table => new
            {
                sequence = m.Identity(table.Column<long>(type: t.BigIntColumn, nullable: false)),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: true),
                at = m.Time(table, nullable: false),
                type = table.Column<string>(type: t.Varchar(50), maxLength: 50, nullable: false),
                element_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                item_id = table.Column<string>(type: t.Varchar(IdLength + NameLength), maxLength: IdLength + NameLength, nullable: true),
                user_id = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                detail = table.Column<string>(type: t.Text, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_history", x => x.sequence));
        migrationBuilder.CreateIndex("ix_history_instance_sequence", "history", ["instance_id", "sequence"]);

        migrationBuilder.CreateTable(
            name: "idempotency_keys",
            columns: table => new
            {
                key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                actor = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                request_hash = table.Column<string>(type: t.Varchar(HashLength), maxLength: HashLength, nullable: false),
                response_status = table.Column<int>(type: t.IntColumn, nullable: false),
                response_body = table.Column<string>(type: t.Text, nullable: true),
                created_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_idempotency_keys", x => new { x.key, x.actor }));
        migrationBuilder.CreateIndex("ix_idempotency_keys_created", "idempotency_keys", "created_at");

        migrationBuilder.CreateTable(
            name: "outbox",
            columns: table => new
            {
                id = table.Column<Guid>(type: t.UuidColumn, nullable: false),
                created_at = m.Time(table, nullable: false),
                kind = table.Column<string>(type: t.Varchar(50), maxLength: 50, nullable: false),
                payload = table.Column<string>(type: t.Text, nullable: false),
                status = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                attempts = table.Column<int>(type: t.IntColumn, nullable: false),
                next_attempt_at = m.Time(table, nullable: true),
                sent_at = m.Time(table, nullable: true),
                last_error = table.Column<string>(type: t.Varchar(MessageLength), maxLength: MessageLength, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_outbox", x => x.id));
        migrationBuilder.CreateIndex("ix_outbox_status_next_attempt", "outbox", ["status", "next_attempt_at"]);
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[]
        {
            "outbox", "idempotency_keys", "history", "incidents", "message_subscriptions", "jobs", "timers", "user_task_candidates", "user_tasks",
            "process_instances", "process_definitions", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens",
            "AspNetRoles", "AspNetUsers",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }

    /// <summary>ASP.NET Core Identity's tables (schema version 1, string keys), as <c>IdentityDbContext</c> maps them.</summary>
    private static void CreateIdentity(MigrationBuilder migrationBuilder, ColumnTypes t, MigrationColumns m)
    {
        var text = t.Text;
        var bit = t.IsSqlite ? "INTEGER" : "boolean";
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(type: text, nullable: false),
                Name = table.Column<string>(type: t.Varchar(256), maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(type: t.Varchar(256), maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(type: text, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(type: text, nullable: false),
                DisplayName = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                Language = table.Column<string>(type: t.Varchar(10), maxLength: 10, nullable: false),
                UserName = table.Column<string>(type: t.Varchar(256), maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(type: t.Varchar(256), maxLength: 256, nullable: true),
                Email = table.Column<string>(type: t.Varchar(256), maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(type: t.Varchar(256), maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(type: bit, nullable: false),
                PasswordHash = table.Column<string>(type: text, nullable: true),
                SecurityStamp = table.Column<string>(type: text, nullable: true),
                ConcurrencyStamp = table.Column<string>(type: text, nullable: true),
                PhoneNumber = table.Column<string>(type: text, nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(type: bit, nullable: false),
                TwoFactorEnabled = table.Column<bool>(type: bit, nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(type: t.IsSqlite ? "TEXT" : "timestamp with time zone", nullable: true),
                LockoutEnabled = table.Column<bool>(type: bit, nullable: false),
                AccessFailedCount = table.Column<int>(type: t.IntColumn, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AspNetUsers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = m.Identity(table.Column<int>(type: t.IntColumn, nullable: false)),
                RoleId = table.Column<string>(type: text, nullable: false),
                ClaimType = table.Column<string>(type: text, nullable: true),
                ClaimValue = table.Column<string>(type: text, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = m.Identity(table.Column<int>(type: t.IntColumn, nullable: false)),
                UserId = table.Column<string>(type: text, nullable: false),
                ClaimType = table.Column<string>(type: text, nullable: true),
                ClaimValue = table.Column<string>(type: text, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(type: text, nullable: false),
                ProviderKey = table.Column<string>(type: text, nullable: false),
                ProviderDisplayName = table.Column<string>(type: text, nullable: true),
                UserId = table.Column<string>(type: text, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(type: text, nullable: false),
                RoleId = table.Column<string>(type: text, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(type: text, nullable: false),
                LoginProvider = table.Column<string>(type: text, nullable: false),
                Name = table.Column<string>(type: text, nullable: false),
                Value = table.Column<string>(type: text, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
    }
}

/// <summary>Column helpers shared by the migrations: instants and identity columns differ by provider.</summary>
internal sealed class MigrationColumns(MigrationBuilder migrationBuilder, ColumnTypes types)
{
    /// <summary>An instant column (UTC ticks on SQLite, timestamptz on PostgreSQL).</summary>
    public OperationBuilder<AddColumnOperation> Time(ColumnsBuilder table, bool nullable)
    {
        ArgumentNullException.ThrowIfNull(table);
        return types.IsSqlite
            ? table.Column<long>(type: types.Time, nullable: nullable)
            : table.Column<DateTimeOffset>(type: types.Time, nullable: nullable);
    }

    /// <summary>Makes an integer column an identity (auto-increment) column.</summary>
    public OperationBuilder<AddColumnOperation> Identity(OperationBuilder<AddColumnOperation> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return migrationBuilder.ActiveProvider == DatabaseProviders.SqliteName
            ? column.Annotation("Sqlite:Autoincrement", true)
            : column.Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
    }
}
