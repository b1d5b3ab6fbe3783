using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenDoorAndProgrammes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "hiv_status",
                table: "child_cases",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "legal_representative",
                table: "child_cases",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sexual_exploitation_history",
                table: "child_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "baby_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    mother_case_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    enrolment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    given_names = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    sex = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_baby_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_baby_records_case",
                        column: x => x.mother_case_id,
                        principalTable: "child_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    given_by = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    given = table.Column<bool>(type: "INTEGER", nullable: false),
                    given_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    notes = table.Column<string>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_consents_case",
                        column: x => x.case_id,
                        principalTable: "child_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "open_door_records",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    approximate_age = table.Column<int>(type: "INTEGER", nullable: true),
                    sex = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    closure_reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    admitted_case_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    admitted_case_reference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    admitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    row_version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_door_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "programme_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    programme = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    activated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programme_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "fk_programme_enrolments_case",
                        column: x => x.case_id,
                        principalTable: "child_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outreach_contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contacted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    team = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approximate_age = table.Column<int>(type: "INTEGER", nullable: true),
                    sex = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    offered = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "TEXT", nullable: true),
                    record_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    linked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    linked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outreach_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_outreach_contacts_record",
                        column: x => x.record_id,
                        principalTable: "open_door_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pre_community_episodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pre_community_episodes", x => x.id);
                    table.ForeignKey(
                        name: "fk_pre_community_episodes_record",
                        column: x => x.record_id,
                        principalTable: "open_door_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_baby_records_mother",
                table: "baby_records",
                column: "mother_case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_consents_case",
                table: "case_consents",
                columns: new[] { "case_id", "subject", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_open_door_records_status",
                table: "open_door_records",
                columns: new[] { "status", "zone" });

            migrationBuilder.CreateIndex(
                name: "ux_open_door_records_reference",
                table: "open_door_records",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outreach_contacts_contacted_at",
                table: "outreach_contacts",
                column: "contacted_at");

            migrationBuilder.CreateIndex(
                name: "ix_outreach_contacts_record",
                table: "outreach_contacts",
                columns: new[] { "record_id", "contacted_at" });

            migrationBuilder.CreateIndex(
                name: "ux_pre_community_episodes_record_number",
                table: "pre_community_episodes",
                columns: new[] { "record_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_programme_enrolments_case",
                table: "programme_enrolments",
                columns: new[] { "case_id", "enrolled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_programme_enrolments_programme",
                table: "programme_enrolments",
                columns: new[] { "programme", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "baby_records");

            migrationBuilder.DropTable(
                name: "case_consents");

            migrationBuilder.DropTable(
                name: "outreach_contacts");

            migrationBuilder.DropTable(
                name: "pre_community_episodes");

            migrationBuilder.DropTable(
                name: "programme_enrolments");

            migrationBuilder.DropTable(
                name: "open_door_records");

            migrationBuilder.DropColumn(
                name: "hiv_status",
                table: "child_cases");

            migrationBuilder.DropColumn(
                name: "legal_representative",
                table: "child_cases");

            migrationBuilder.DropColumn(
                name: "sexual_exploitation_history",
                table: "child_cases");
        }
    }
}
