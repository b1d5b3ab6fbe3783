using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Orchestrator.Persistence.Migrations;

/// <summary>The audit trail by person: "what did this user read or change, and when" (index on <c>history(user_id, at)</c>).</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000100_HistoryByUser")]
public sealed class HistoryByUser : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("ix_history_user_at", "history", ["user_id", "at"]);

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("ix_history_user_at", "history");
}
