using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using static Orchestrator.Cases.CaseModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>
/// The case domain: child case files with their opinions, restitution measures, life plan (objectives,
/// activities, evaluations), family tracing and events; facilities, the foster-family register, consulates, and the
/// counters that hand out case references and certificate numbers. Types as in <c>Cases/CaseModel.cs</c>.
/// </summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000700_CaseDomain")]
public sealed class CaseDomain : Migration
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
        OperationBuilder<AddColumnOperation> Uuid(ColumnsBuilder c) => c.Column<Guid>(type: t.UuidColumn, nullable: false);
        OperationBuilder<AddColumnOperation> Date(ColumnsBuilder c) => c.Column<DateOnly>(type: DateColumn(t), nullable: true);

        migrationBuilder.CreateTable(
            name: "child_cases",
            columns: c => new
            {
                id = Str(c, IdLength),
                reference = Str(c, ReferenceLength),
                given_names = Str(c, NameLength),
                family_names = Str(c, NameLength),
                birth_date = Date(c),
                sex = Str(c, ShortLength),
                nationality = Str(c, IdLength),
                languages = Str(c, ListLength),
                culture = Str(c, IdLength, nullable: true),
                victim_of_crime = Bool(c),
                lgbttti = Bool(c),
                trafficking_victim = Bool(c),
                extreme_violence_victim = Bool(c),
                indigenous = Bool(c),
                disability = Bool(c),
                pregnant_or_with_child = Bool(c),
                phase = Str(c, ShortLength),
                phase_since = m.Time(c, nullable: false),
                placement_type = Str(c, ShortLength, nullable: true),
                placement_id = Str(c, IdLength, nullable: true),
                placement_since = m.Time(c, nullable: true),
                reference_educator = Str(c, NameLength, nullable: true),
                asylum_status = Str(c, ShortLength),
                sibling_group = Str(c, IdLength, nullable: true),
                created_at = m.Time(c, nullable: false),
                created_by = Str(c, NameLength),
                updated_at = m.Time(c, nullable: false),
                row_version = Int(c),
            },
            constraints: table => table.PrimaryKey("pk_child_cases", x => x.id));
        migrationBuilder.CreateIndex("ux_child_cases_reference", "child_cases", "reference", unique: true);
        migrationBuilder.CreateIndex("ix_child_cases_phase", "child_cases", ["phase", "reference"]);
        migrationBuilder.CreateIndex("ix_child_cases_placement", "child_cases", ["placement_id", "phase"]);
        migrationBuilder.CreateIndex("ix_child_cases_sibling_group", "child_cases", "sibling_group");

        migrationBuilder.CreateTable(
            name: "child_opinions",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                decision = Str(c, IdLength),
                opinion = Text(c),
                recorded_at = m.Time(c, nullable: false),
                recorded_by = Str(c, NameLength),
                instance_id = Str(c, IdLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_child_opinions", x => x.id);
                table.ForeignKey("fk_child_opinions_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_child_opinions_case", "child_opinions", ["case_id", "recorded_at"]);

        migrationBuilder.CreateTable(
            name: "restitution_measures",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                right_concerned = Str(c, IdLength),
                measure = Text(c),
                responsible_institution = Str(c, NameLength),
                responsible_person = Str(c, NameLength, nullable: true),
                start_date = Date(c),
                due_date = Date(c),
                status = Str(c, ShortLength),
                created_at = m.Time(c, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_restitution_measures", x => x.id);
                table.ForeignKey("fk_restitution_measures_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_restitution_measures_case", "restitution_measures", ["case_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "life_plan_objectives",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                programme = Str(c, ShortLength),
                horizon = Str(c, ShortLength),
                description = Text(c),
                created_at = m.Time(c, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_life_plan_objectives", x => x.id);
                table.ForeignKey("fk_life_plan_objectives_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_life_plan_objectives_case", "life_plan_objectives", ["case_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "life_plan_activities",
            columns: c => new
            {
                id = Uuid(c),
                objective_id = Uuid(c),
                description = Text(c),
                starts_on = Date(c),
                ends_on = Date(c),
                status = Str(c, ShortLength),
                created_at = m.Time(c, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_life_plan_activities", x => x.id);
                table.ForeignKey("fk_life_plan_activities_objective", x => x.objective_id, "life_plan_objectives", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_life_plan_activities_objective", "life_plan_activities", ["objective_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "life_plan_evaluations",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                kind = Str(c, ShortLength),
                progress = Text(c),
                child_opinion = Text(c, nullable: true),
                evaluated_at = m.Time(c, nullable: false),
                instance_id = Str(c, IdLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_life_plan_evaluations", x => x.id);
                table.ForeignKey("fk_life_plan_evaluations_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_life_plan_evaluations_case", "life_plan_evaluations", ["case_id", "evaluated_at"]);

        migrationBuilder.CreateTable(
            name: "family_tracing_records",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                family_found = Bool(c),
                family_location = Str(c, ShortLength, nullable: true),
                notes = Text(c, nullable: true),
                recorded_at = m.Time(c, nullable: false),
                recorded_by = Str(c, NameLength),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_family_tracing_records", x => x.id);
                table.ForeignKey("fk_family_tracing_records_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_family_tracing_records_case", "family_tracing_records", ["case_id", "recorded_at"]);

        migrationBuilder.CreateTable(
            name: "case_events",
            columns: c => new
            {
                id = Uuid(c),
                case_id = Str(c, IdLength),
                at = m.Time(c, nullable: false),
                type = Str(c, ShortLength),
                from_value = Str(c, NameLength, nullable: true),
                to_value = Str(c, NameLength, nullable: true),
                detail = Text(c, nullable: true),
                instance_id = Str(c, IdLength, nullable: true),
                user_id = Str(c, NameLength),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_case_events", x => x.id);
                table.ForeignKey("fk_case_events_case", x => x.case_id, "child_cases", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_case_events_case", "case_events", ["case_id", "at"]);

        migrationBuilder.CreateTable(
            name: "facilities",
            columns: c => new
            {
                id = Str(c, IdLength),
                name = Str(c, NameLength),
                kind = Str(c, ShortLength),
                capacity = Int(c),
                min_age = Int(c),
                max_age = Int(c),
                sex = Str(c, ShortLength),
                city = Str(c, IdLength, nullable: true),
                row_version = Int(c),
            },
            constraints: table => table.PrimaryKey("pk_facilities", x => x.id));

        migrationBuilder.CreateTable(
            name: "foster_families",
            columns: c => new
            {
                id = Str(c, IdLength),
                reference = Str(c, IdLength),
                name = Str(c, NameLength),
                status = Str(c, ShortLength),
                closure_reason = Str(c, ShortLength, nullable: true),
                culture = Str(c, IdLength, nullable: true),
                languages = Str(c, ListLength),
                capacity = Int(c),
                preferred_min_age = Int(c, nullable: true),
                preferred_max_age = Int(c, nullable: true),
                household_notes = Text(c, nullable: true),
                email = Str(c, EmailLength, nullable: true),
                certificate_number = Str(c, NameLength, nullable: true),
                certified_at = m.Time(c, nullable: true),
                certificate_expires_at = m.Time(c, nullable: true),
                registered_at = m.Time(c, nullable: true),
                placements_closed = Int(c),
                created_at = m.Time(c, nullable: false),
                updated_at = m.Time(c, nullable: false),
                row_version = Int(c),
            },
            constraints: table => table.PrimaryKey("pk_foster_families", x => x.id));
        migrationBuilder.CreateIndex("ux_foster_families_reference", "foster_families", "reference", unique: true);
        migrationBuilder.CreateIndex("ix_foster_families_status", "foster_families", "status");

        migrationBuilder.CreateTable(
            name: "consulates",
            columns: c => new
            {
                id = Str(c, IdLength),
                country = Str(c, IdLength),
                city = Str(c, IdLength),
                email = Str(c, EmailLength),
                phone = Str(c, ShortLength * 2, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_consulates", x => x.id));
        migrationBuilder.CreateIndex("ix_consulates_country", "consulates", "country");

        migrationBuilder.CreateTable(
            name: "reference_counters",
            columns: c => new
            {
                name = Str(c, ShortLength),
                year = Int(c),
                last_number = Int(c),
            },
            constraints: table => table.PrimaryKey("pk_reference_counters", x => new { x.name, x.year }));
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[]
        {
            "reference_counters", "consulates", "foster_families", "facilities", "case_events", "family_tracing_records",
            "life_plan_evaluations", "life_plan_activities", "life_plan_objectives", "restitution_measures", "child_opinions", "child_cases",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
