using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using static Orchestrator.Cases.CaseColumns;
using static Orchestrator.Cases.CaseModel;

namespace Orchestrator.Cases.Programmes;

/// <summary>The mapping of the programmes' tables (migration <c>20261207300000_OpenDoorAndProgrammes</c>), applied by <see cref="CaseModel"/>.</summary>
internal static class ProgrammeModel
{
    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        builder.Entity<ProgrammeEnrolment>(b =>
        {
            b.ToTable("programme_enrolments");
            Key(b, "pk_programme_enrolments", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Str(b.Property(x => x.Programme), "programme", t, ShortLength);
            Str(b.Property(x => x.Status), "status", t, ShortLength);
            Time(b.Property(x => x.EnrolledAt), "enrolled_at", t);
            Time(b.Property(x => x.ActivatedAt), "activated_at", t);
            Time(b.Property(x => x.EndedAt), "ended_at", t);
            Str(b.Property(x => x.EndReason), "end_reason", t, NameLength, nullable: true);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            b.HasIndex(x => new { x.Programme, x.Status }).HasDatabaseName("ix_programme_enrolments_programme");
            b.HasIndex(x => new { x.CaseId, x.EnrolledAt }).HasDatabaseName("ix_programme_enrolments_case");
        });

        builder.Entity<CaseConsent>(b =>
        {
            b.ToTable("case_consents");
            Key(b, "pk_case_consents", t);
            Str(b.Property(x => x.CaseId), "case_id", t, IdLength);
            Str(b.Property(x => x.Subject), "subject", t, ShortLength * 2);
            Str(b.Property(x => x.GivenBy), "given_by", t, ShortLength);
            Bool(b.Property(x => x.Given), "given", t);
            b.Property(x => x.GivenOn).HasColumnName("given_on").HasColumnType(CaseColumns.DateColumn(t));
            Text(b.Property(x => x.Notes), "notes", t, nullable: true);
            Time(b.Property(x => x.RecordedAt), "recorded_at", t);
            Str(b.Property(x => x.RecordedBy), "recorded_by", t, NameLength);
            b.HasIndex(x => new { x.CaseId, x.Subject, x.RecordedAt }).HasDatabaseName("ix_case_consents_case");
        });

        builder.Entity<BabyRecord>(b =>
        {
            b.ToTable("baby_records");
            Key(b, "pk_baby_records", t);
            Str(b.Property(x => x.MotherCaseId), "mother_case_id", t, IdLength);
            b.Property(x => x.EnrolmentId).HasColumnName("enrolment_id").HasColumnType(t.UuidColumn);
            Str(b.Property(x => x.GivenNames), "given_names", t, NameLength);
            Date(b.Property(x => x.BirthDate), "birth_date", t);
            Str(b.Property(x => x.Sex), "sex", t, ShortLength);
            Time(b.Property(x => x.RecordedAt), "recorded_at", t);
            Str(b.Property(x => x.RecordedBy), "recorded_by", t, NameLength);
            b.HasIndex(x => x.MotherCaseId).HasDatabaseName("ix_baby_records_mother");
        });
    }
}
