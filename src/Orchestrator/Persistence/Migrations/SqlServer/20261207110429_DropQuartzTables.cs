using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.SqlServer
{
    /// <summary>
    /// Quartz.NET's tables existed on PostgreSQL only (schema <c>quartz</c>): on this provider the migration of the same
    /// name does nothing, so that the three sets keep one history.
    /// </summary>
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
