using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using static Orchestrator.Cases.CaseModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// The open door and the programmes: street outreach contacts, pseudonymous records and their stays in pre-community;
/// programme enrolments, consents and assents, babies linked to their mother's case; and on the case file the legal
/// representative and the sensitive fields (HIV status, history of sexual exploitation). Types as in
/// <c>Cases/OpenDoor/OpenDoorModel.cs</c>, <c>Cases/Programmes/ProgrammeModel.cs</c> and <c>Cases/CaseModel.cs</c>.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261207300000_OpenDoorAndProgrammes")]
public sealed class OpenDoorAndProgrammes : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        OperationBuilder<AddColumnOperation> Str(ColumnsBuilder c, int max, bool nullable = false) => c.Column<string>(type: t.Varchar(max), maxLength: max, nullable: nullable);
        OperationBuilder<AddColumnOperation> Text(ColumnsBuilder c, bool nullable = false) => c.Column<string>(type: t.Text, nullable: nullable);
        OperationBuilder<AddColumnOperation> Int(ColumnsBuilder c, bool nullable = false) => c.Column<int>(type: t.IntColumn, nullable: nullable);
        OperationBuilder<AddColumnOperation> Bool(ColumnsBuilder c) => c.Column<bool>(type: t.BoolColumn, nullable: false);
        OperationBuilder<AddColumnOperation> Uuid(ColumnsBuilder c, bool nullable = false) => c.Column<Guid>(type: t.UuidColumn, nullable: nullable);
        OperationBuilder<AddColumnOperation> Date(ColumnsBuilder c, bool nullable = true) => c.Column<DateOnly>(type: DateColumn(t), nullable: nullable);

        migrationBuilder.AddColumn<string>("legal_representative", "child_cases", type: t.Varchar(ShortLength), maxLength: ShortLength, nullable: true);
        migrationBuilder.AddColumn<string>("hiv_status", "child_cases", type: t.Varchar(ShortLength), maxLength: ShortLength, nullable: true);
        migrationBuilder.AddColumn<string>("sexual_exploitation_history", "child_cases", type: t.Text, nullable: true);

        migrationBuilder.CreateTable(
            name: "open_door_records",
            columns: c => new
            {
                id = Str(c, IdLength),
                reference = Str(c, ReferenceLength),
                alias = Str(c, NameLength),
                approximate_age = Int(c, nullable: true),
                sex = Str(c, ShortLength),
                zone = Str(c, IdLength),
                status = Str(c, ShortLength),
                closure_reason = Str(c, ShortLength, nullable: true),
                admitted_case_id = Str(c, IdLength, nullable: true),
                admitted_case_reference = Str(c, ReferenceLength, nullable: true),
                admitted_at = m.Time(c, nullable: true),
                created_at = m.Time(c, nullable: false),
                created_by = Str(c, NameLength),
                updated_at = m.Time(c, nullable: false),
                row_version = Int(c),
            },
            constraints: table => table.PrimaryKey("pk_open_door_records", x => x.id));
        migrationBuilder.CreateIndex("ux_open_door_records_reference", "open_door_records", "reference", unique: true);
        migrationBuilder.CreateIndex("ix_open_door_records_status", "open_door_records", ["status", "zone"]);

        migrationBuilder.CreateTable(
            name: "outreach_contacts",
            columns: c => new
            {
                id = Uuid(c),
                contacted_at = m.Time(c, nullable: false),
                team = Str(c, IdLength),
                zone = Str(c, IdLength),
                place = Str(c, NameLength, nullable: true),
                alias = Str(c, NameLength, nullable: true),
                approximate_age = Int(c, nullable: true),
                sex = Str(c, ShortLength),
                offered = Str(c, ListLength),
                notes = Text(c, nullable: true),
                record_id = Str(c, IdLength, nullable: true),
                linked_at = m.Time(c, nullable: true),
                linked_by = Str(c, NameLength, nullable: true),
                recorded_at = m.Time(c, nullable: false),
                recorded_by = Str(c, NameLength),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_outreach_contacts", x => x.id);
                table.ForeignKey("fk_outreach_contacts_record", x => x.record_id, "open_door_records", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_outreach_contacts_contacted_at", "outreach_contacts", "contacted_at");
        migrationBuilder.CreateIndex("ix_outreach_contacts_record", "outreach_contacts", ["record_id", "contacted_at"]);

        migrationBuilder.CreateTable(
            name: "pre_community_episodes",
            columns: c => new
            {
                id = Uuid(c),
                record_id = Str(c, IdLength),
                number = Int(c),
                started_at = m.Time(c, nullable: false),
                ended_at = m.Time(c, nullable: true),
                end_reason = Str(c, ShortLength, nullable: true),
                instance_id = Str(c, IdLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_pre_community_episodes", x => x.id);
                table.ForeignKey("fk_pre_community_episodes_record", x => x.record_id, "open_door_records", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_pre_community_episodes_record_number", "pre_community_episodes", ["record_id", "number"], unique: true);

        migrationBuilder.CreateTable(
            name: "programme_enrolments",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                programme = Str(c, ShortLength),
                status = Str(c, ShortLength),
                enrolled_at = m.Time(c, nullable: false),
                activated_at = m.Time(c, nullable: true),
                ended_at = m.Time(c, nullable: true),
                end_reason = Str(c, NameLength, nullable: true),
                instance_id = Str(c, IdLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_programme_enrolments", x => x.id);
                table.ForeignKey("fk_programme_enrolments_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_programme_enrolments_programme", "programme_enrolments", ["programme", "status"]);
        migrationBuilder.CreateIndex("ix_programme_enrolments_case", "programme_enrolments", ["case_id", "enrolled_at"]);

        migrationBuilder.CreateTable(
            name: "case_consents",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                subject = Str(c, ShortLength * 2),
                given_by = Str(c, ShortLength),
                given = Bool(c),
                given_on = Date(c, nullable: false),
                notes = Text(c, nullable: true),
                recorded_at = m.Time(c, nullable: false),
                recorded_by = Str(c, NameLength),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_case_consents", x => x.id);
                table.ForeignKey("fk_case_consents_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_case_consents_case", "case_consents", ["case_id", "subject", "recorded_at"]);

        migrationBuilder.CreateTable(
            name: "baby_records",
            columns: c => new
            {
                id = Uuid(c),
                mother_case_id = Str(c, IdLength),
                enrolment_id = Uuid(c, nullable: true),
                given_names = Str(c, NameLength),
                birth_date = Date(c),
                sex = Str(c, ShortLength),
                recorded_at = m.Time(c, nullable: false),
                recorded_by = Str(c, NameLength),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_baby_records", x => x.id);
                table.ForeignKey("fk_baby_records_case", x => x.mother_case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_baby_records_mother", "baby_records", "mother_case_id");
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[] { "baby_records", "case_consents", "programme_enrolments", "pre_community_episodes", "outreach_contacts", "open_door_records" })
        {
            migrationBuilder.DropTable(table);
        }

        foreach (var column in new[] { "sexual_exploitation_history", "hiv_status", "legal_representative" })
        {
            migrationBuilder.DropColumn(column, "child_cases");
        }
    }
}
