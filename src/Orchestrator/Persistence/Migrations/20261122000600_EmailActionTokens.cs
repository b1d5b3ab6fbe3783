using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>Email-action links: one row per link, holding only the SHA-256 of the token's secret.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000600_EmailActionTokens")]
public sealed class EmailActionTokens : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        migrationBuilder.CreateTable(
            name: "email_action_tokens",
            columns: table => new
            {
                id = table.Column<Guid>(type: t.UuidColumn, nullable: false),
                token_hash = table.Column<string>(type: t.Varchar(HashLength), maxLength: HashLength, nullable: false),
                task_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                recipient = table.Column<string>(type: t.Varchar(EmailLength), maxLength: EmailLength, nullable: false),
                language = table.Column<string>(type: t.Varchar(10), maxLength: 10, nullable: true),
                expires_at = m.Time(table, nullable: false),
                created_at = m.Time(table, nullable: false),
                used_at = m.Time(table, nullable: true),
                used_outcome = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: true),
                expired_notified_at = m.Time(table, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_email_action_tokens", x => x.id));
        migrationBuilder.CreateIndex("ix_email_action_tokens_token_hash", "email_action_tokens", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_email_action_tokens_task_id", "email_action_tokens", "task_id");
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("email_action_tokens");
    }
}
