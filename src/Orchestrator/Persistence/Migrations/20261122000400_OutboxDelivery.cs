using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// What the outbox dispatcher needs to deliver email from several nodes (Notifications/Outbox/README.md): a lease
/// (<c>lease_owner</c>, <c>lease_until</c>) so that one node sends each row, the <c>message_id</c> fixed by the first
/// attempt so that a resend after a crash is the same message, and an index for the admin list by status, newest first.
/// The columns are nullable: rows written before the upgrade get their lease and Message-ID on their next attempt.
/// Claiming due rows keeps using <c>ix_outbox_status_next_attempt</c> from the first migration.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000400_OutboxDelivery")]
public sealed class OutboxDelivery : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        migrationBuilder.AddColumn<string>("lease_owner", "outbox", type: t.Varchar(NameLength), maxLength: NameLength, nullable: true);
        if (t.IsSqlite)
        {
            migrationBuilder.AddColumn<long>("lease_until", "outbox", type: t.Time, nullable: true);
        }
        else
        {
            migrationBuilder.AddColumn<DateTimeOffset>("lease_until", "outbox", type: t.Time, nullable: true);
        }

        migrationBuilder.AddColumn<string>("message_id", "outbox", type: t.Varchar(OutboxMessageIdLength), maxLength: OutboxMessageIdLength, nullable: true);
        migrationBuilder.CreateIndex("ix_outbox_status_created", "outbox", ["status", "created_at"]);
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_outbox_status_created", "outbox");
        migrationBuilder.DropColumn("message_id", "outbox");
        migrationBuilder.DropColumn("lease_until", "outbox");
        migrationBuilder.DropColumn("lease_owner", "outbox");
    }
}
