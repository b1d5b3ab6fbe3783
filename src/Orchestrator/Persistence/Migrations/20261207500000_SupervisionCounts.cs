using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// What the supervision pages read (src/Orchestrator/Supervision/README.md): <c>process_instances.active_elements</c>,
/// the elements each instance waits at (<see cref="ActiveElementList"/>), written by every command beside the state so
/// that the journeys overview counts instances per element from that short column instead of parsing 10,000 state
/// documents; <c>ix_process_instances_waiting</c> (status, process, version, active elements), from which the running
/// instances per process and version and where they wait are read without reading the rows (a command that moves an
/// instance updates this one index entry besides its row); and <c>ix_history_item_without_instance</c>, the audit of one case's
/// reads (rows about no instance, by the case id), filtered to those rows so that the engine's history pays nothing for
/// it. The column is nullable: a row written before the upgrade gets it at its next command, and until then the
/// overview reads that row's state document once and fills it in.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261207500000_SupervisionCounts")]
public sealed class SupervisionCounts : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        migrationBuilder.AddColumn<string>("active_elements", "process_instances", type: t.Text, nullable: true);
        migrationBuilder.CreateIndex("ix_process_instances_waiting", "process_instances", ["status", "process_id", "version", "active_elements"]);
        migrationBuilder.CreateIndex("ix_history_item_without_instance", "history", ["item_id", "sequence"], filter: "instance_id IS NULL");
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_history_item_without_instance", "history");
        migrationBuilder.DropIndex("ix_process_instances_waiting", "process_instances");
        migrationBuilder.DropColumn("active_elements", "process_instances");
    }
}
