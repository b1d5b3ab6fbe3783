using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using static Orchestrator.Cases.CaseColumns;

namespace Orchestrator.Cases;

/// <summary>
/// The mapping of the case tables; migrations <c>20261122000700_CaseDomain</c> and <c>20261207300000_OpenDoorAndProgrammes</c>
/// create exactly this (SchemaTests check it on both providers). The open door's and the programmes' tables are mapped
/// by <see cref="OpenDoor.OpenDoorModel"/> and <see cref="Programmes.ProgrammeModel"/>, called from here. Applied from <see cref="OrchestratorDbContext"/>, so case rows and engine rows share one
/// transaction.
/// </summary>
internal static class CaseModel
{
    // Lengths shared with the migration.
    public const int IdLength = 100;
    public const int ReferenceLength = 30;
    public const int NameLength = 200;
    public const int ShortLength = 30;
    public const int ListLength = 200;
    public const int EmailLength = 320;

    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OpenDoor.OpenDoorModel.Configure(builder, t);
        Programmes.ProgrammeModel.Configure(builder, t);
        builder.Entity<ChildCase>(b =>
        {
            b.ToTable("child_cases");
            b.HasKey(x => x.Id).HasName("pk_child_cases");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.Reference), "reference", t, ReferenceLength);
            Str(b.Property(x => x.GivenNames), "given_names", t, NameLength);
            Str(b.Property(x => x.FamilyNames), "family_names", t, NameLength);
            Date(b.Property(x => x.BirthDate), "birth_date", t);
            Str(b.Property(x => x.Sex), "sex", t, ShortLength);
            Str(b.Property(x => x.Nationality), "nationality", t, IdLength);
            Str(b.Property(x => x.Languages), "languages", t, ListLength);
            Str(b.Property(x => x.Culture), "culture", t, IdLength, nullable: true);
            b.ComplexProperty(x => x.Flags, f =>
            {
                f.IsRequired();
                Bool(f.Property(p => p.VictimOfCrime), "victim_of_crime", t);
                Bool(f.Property(p => p.Lgbttti), "lgbttti", t);
                Bool(f.Property(p => p.TraffickingVictim), "trafficking_victim", t);
                Bool(f.Property(p => p.ExtremeViolenceVictim), "extreme_violence_victim", t);
                Bool(f.Property(p => p.Indigenous), "indigenous", t);
                Bool(f.Property(p => p.Disability), "disability", t);
                Bool(f.Property(p => p.PregnantOrWithChild), "pregnant_or_with_child", t);
            });
            Str(b.Property(x => x.Phase), "phase", t, ShortLength);
            Time(b.Property(x => x.PhaseSince), "phase_since", t);
            Str(b.Property(x => x.PlacementType), "placement_type", t, ShortLength, nullable: true);
            Str(b.Property(x => x.PlacementId), "placement_id", t, IdLength, nullable: true);
            Time(b.Property(x => x.PlacementSince), "placement_since", t);
            Str(b.Property(x => x.ReferenceEducator), "reference_educator", t, NameLength, nullable: true);
            Str(b.Property(x => x.AsylumStatus), "asylum_status", t, ShortLength);
            Str(b.Property(x => x.SiblingGroup), "sibling_group", t, IdLength, nullable: true);
            Str(b.Property(x => x.LegalRepresentative), "legal_representative", t, ShortLength, nullable: true);
            Str(b.Property(x => x.HivStatus), "hiv_status", t, ShortLength, nullable: true);
            Text(b.Property(x => x.SexualExploitationHistory), "sexual_exploitation_history", t, nullable: true);
            b.Ignore(x => x.PlacementKey);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Str(b.Property(x => x.CreatedBy), "created_by", t, NameLength);
            Time(b.Property(x => x.UpdatedAt), "updated_at", t);
            b.Property(x => x.RowVersion).HasColumnName("row_version").HasColumnType(t.IntColumn).IsConcurrencyToken();
            b.HasIndex(x => x.Reference).IsUnique().HasDatabaseName("ux_child_cases_reference");
            b.HasIndex(x => new { x.Phase, x.Reference }).HasDatabaseName("ix_child_cases_phase");
            b.HasIndex(x => new { x.PlacementId, x.Phase }).HasDatabaseName("ix_child_cases_placement");
            b.HasIndex(x => x.SiblingGroup).HasDatabaseName("ix_child_cases_sibling_group");
            b.HasMany(x => x.Opinions).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_child_opinions_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.RestitutionMeasures).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_restitution_measures_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Objectives).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_life_plan_objectives_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Evaluations).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_life_plan_evaluations_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.FamilyTracing).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_family_tracing_records_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_case_events_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Enrolments).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_programme_enrolments_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Consents).WithOne().HasForeignKey(x => x.CaseId).HasConstraintName("fk_case_consents_case").OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Babies).WithOne().HasForeignKey(x => x.MotherCaseId).HasConstraintName("fk_baby_records_case").OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ChildOpinion>(b =>
        {
            b.ToTable("child_opinions");
            Key(b, "pk_child_opinions", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Str(b.Property(x => x.Decision), "decision", t, IdLength);
            Text(b.Property(x => x.Opinion), "opinion", t);
            Time(b.Property(x => x.RecordedAt), "recorded_at", t);
            Str(b.Property(x => x.RecordedBy), "recorded_by", t, NameLength);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            b.HasIndex(x => new { x.CaseId, x.RecordedAt }).HasDatabaseName("ix_child_opinions_case");
        });

        builder.Entity<RestitutionMeasure>(b =>
        {
            b.ToTable("restitution_measures");
            Key(b, "pk_restitution_measures", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Str(b.Property(x => x.RightConcerned), "right_concerned", t, IdLength);
            Text(b.Property(x => x.Measure), "measure", t);
            Str(b.Property(x => x.ResponsibleInstitution), "responsible_institution", t, NameLength);
            Str(b.Property(x => x.ResponsiblePerson), "responsible_person", t, NameLength, nullable: true);
            Date(b.Property(x => x.StartDate), "start_date", t);
            Date(b.Property(x => x.DueDate), "due_date", t);
            Str(b.Property(x => x.Status), "status", t, ShortLength);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => new { x.CaseId, x.CreatedAt }).HasDatabaseName("ix_restitution_measures_case");
        });

        builder.Entity<LifePlanObjective>(b =>
        {
            b.ToTable("life_plan_objectives");
            Key(b, "pk_life_plan_objectives", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Str(b.Property(x => x.Programme), "programme", t, ShortLength);
            Str(b.Property(x => x.Horizon), "horizon", t, ShortLength);
            Text(b.Property(x => x.Description), "description", t);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => new { x.CaseId, x.CreatedAt }).HasDatabaseName("ix_life_plan_objectives_case");
            b.HasMany(x => x.Activities).WithOne().HasForeignKey(x => x.ObjectiveId).HasConstraintName("fk_life_plan_activities_objective").OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<LifePlanActivity>(b =>
        {
            b.ToTable("life_plan_activities");
            Key(b, "pk_life_plan_activities", t);
            b.Property(x => x.ObjectiveId).HasColumnName("objective_id").HasColumnType(t.UuidColumn);
            Text(b.Property(x => x.Description), "description", t);
            Date(b.Property(x => x.StartsOn), "starts_on", t);
            Date(b.Property(x => x.EndsOn), "ends_on", t);
            Str(b.Property(x => x.Status), "status", t, ShortLength);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => new { x.ObjectiveId, x.CreatedAt }).HasDatabaseName("ix_life_plan_activities_objective");
        });

        builder.Entity<LifePlanEvaluation>(b =>
        {
            b.ToTable("life_plan_evaluations");
            Key(b, "pk_life_plan_evaluations", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Str(b.Property(x => x.Kind), "kind", t, ShortLength);
            Text(b.Property(x => x.Progress), "progress", t);
            Text(b.Property(x => x.ChildOpinion), "child_opinion", t, nullable: true);
            Time(b.Property(x => x.EvaluatedAt), "evaluated_at", t);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            b.HasIndex(x => new { x.CaseId, x.EvaluatedAt }).HasDatabaseName("ix_life_plan_evaluations_case");
        });

        builder.Entity<FamilyTracingRecord>(b =>
        {
            b.ToTable("family_tracing_records");
            Key(b, "pk_family_tracing_records", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Bool(b.Property(x => x.FamilyFound), "family_found", t);
            Str(b.Property(x => x.FamilyLocation), "family_location", t, ShortLength, nullable: true);
            Text(b.Property(x => x.Notes), "notes", t, nullable: true);
            Time(b.Property(x => x.RecordedAt), "recorded_at", t);
            Str(b.Property(x => x.RecordedBy), "recorded_by", t, NameLength);
            b.HasIndex(x => new { x.CaseId, x.RecordedAt }).HasDatabaseName("ix_family_tracing_records_case");
        });

        builder.Entity<CaseEvent>(b =>
        {
            b.ToTable("case_events");
            Key(b, "pk_case_events", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Time(b.Property(x => x.At), "at", t);
            Str(b.Property(x => x.Type), "type", t, ShortLength);
            Str(b.Property(x => x.From), "from_value", t, NameLength, nullable: true);
            Str(b.Property(x => x.To), "to_value", t, NameLength, nullable: true);
            Text(b.Property(x => x.Detail), "detail", t, nullable: true);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            Str(b.Property(x => x.UserId), "user_id", t, NameLength);
            b.HasIndex(x => new { x.CaseId, x.At }).HasDatabaseName("ix_case_events_case");
        });

        builder.Entity<Facility>(b =>
        {
            b.ToTable("facilities");
            b.HasKey(x => x.Id).HasName("pk_facilities");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.Name), "name", t, NameLength);
            Str(b.Property(x => x.Kind), "kind", t, ShortLength);
            Int(b.Property(x => x.Capacity), "capacity", t);
            Int(b.Property(x => x.MinAge), "min_age", t);
            Int(b.Property(x => x.MaxAge), "max_age", t);
            Str(b.Property(x => x.Sex), "sex", t, ShortLength);
            Str(b.Property(x => x.City), "city", t, IdLength, nullable: true);
            Int(b.Property(x => x.RowVersion), "row_version", t).IsConcurrencyToken();
        });

        builder.Entity<FosterFamily>(b =>
        {
            b.ToTable("foster_families");
            b.HasKey(x => x.Id).HasName("pk_foster_families");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.Reference), "reference", t, IdLength);
            Str(b.Property(x => x.Name), "name", t, NameLength);
            b.Property(x => x.Status).HasColumnName("status").HasColumnType(t.Varchar(ShortLength)).HasMaxLength(ShortLength)
                .HasConversion(v => FosterFamilyStatuses.ToKey(v), v => FosterFamilyStatuses.Parse(v));
            Str(b.Property(x => x.ClosureReason), "closure_reason", t, ShortLength, nullable: true);
            Str(b.Property(x => x.Culture), "culture", t, IdLength, nullable: true);
            Str(b.Property(x => x.Languages), "languages", t, ListLength);
            Int(b.Property(x => x.Capacity), "capacity", t);
            b.Property(x => x.PreferredMinAge).HasColumnName("preferred_min_age").HasColumnType(t.IntColumn);
            b.Property(x => x.PreferredMaxAge).HasColumnName("preferred_max_age").HasColumnType(t.IntColumn);
            Text(b.Property(x => x.HouseholdNotes), "household_notes", t, nullable: true);
            Str(b.Property(x => x.Email), "email", t, EmailLength, nullable: true);
            Str(b.Property(x => x.CertificateNumber), "certificate_number", t, NameLength, nullable: true);
            Time(b.Property(x => x.CertifiedAt), "certified_at", t);
            Time(b.Property(x => x.CertificateExpiresAt), "certificate_expires_at", t);
            Time(b.Property(x => x.RegisteredAt), "registered_at", t);
            Int(b.Property(x => x.PlacementsClosed), "placements_closed", t);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Time(b.Property(x => x.UpdatedAt), "updated_at", t);
            Int(b.Property(x => x.RowVersion), "row_version", t).IsConcurrencyToken();
            b.HasIndex(x => x.Reference).IsUnique().HasDatabaseName("ux_foster_families_reference");
            b.HasIndex(x => x.Status).HasDatabaseName("ix_foster_families_status");
        });

        builder.Entity<Consulate>(b =>
        {
            b.ToTable("consulates");
            b.HasKey(x => x.Id).HasName("pk_consulates");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.Country), "country", t, IdLength);
            Str(b.Property(x => x.City), "city", t, IdLength);
            Str(b.Property(x => x.Email), "email", t, EmailLength);
            Str(b.Property(x => x.Phone), "phone", t, ShortLength * 2, nullable: true);
            b.HasIndex(x => x.Country).HasDatabaseName("ix_consulates_country");
        });

        builder.Entity<ReferenceCounter>(b =>
        {
            b.ToTable("reference_counters");
            b.HasKey(x => new { x.Name, x.Year }).HasName("pk_reference_counters");
            Str(b.Property(x => x.Name), "name", t, ShortLength);
            Int(b.Property(x => x.Year), "year", t).ValueGeneratedNever();
            Int(b.Property(x => x.LastNumber), "last_number", t);
        });
    }

    /// <summary>The store type of a calendar date.</summary>
    /// <param name="t">The provider's types.</param>
    public static string DateColumn(ColumnTypes t) => CaseColumns.DateColumn(t);
}
