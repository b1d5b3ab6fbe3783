using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// Quartz.NET is gone (Hangfire fires the timers): its tables in schema <c>quartz</c>, which the baseline made by hand
    /// outside the EF model (<see cref="BaselineQuartzTables"/>), are dropped with the schema. Their rows were triggers
    /// over the engine's timer rows, which stay the truth: nothing is lost. <c>Down</c> makes the empty tables again.
    /// </summary>
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-added: tables outside the EF model.
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS quartz CASCADE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Hand-added: the baseline's frozen copy of Quartz's tables.
            foreach (var statement in BaselineQuartzTables.Statements)
            {
                migrationBuilder.Sql(statement);
            }
        }
    }
}
