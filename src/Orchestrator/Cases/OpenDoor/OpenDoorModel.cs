using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using static Orchestrator.Cases.CaseColumns;
using static Orchestrator.Cases.CaseModel;

namespace Orchestrator.Cases.OpenDoor;

/// <summary>The mapping of the open door's tables (migration <c>20261207300000_OpenDoorAndProgrammes</c>), applied by <see cref="CaseModel"/>.</summary>
internal static class OpenDoorModel
{
    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        builder.Entity<OpenDoorRecord>(b =>
        {
            b.ToTable("open_door_records");
            b.HasKey(x => x.Id).HasName("pk_open_door_records");
            Str(b.Property(x => x.Id), "id", t, IdLength);
            Str(b.Property(x => x.Reference), "reference", t, ReferenceLength);
            Str(b.Property(x => x.Alias), "alias", t, NameLength);
            b.Property(x => x.ApproximateAge).HasColumnName("approximate_age").HasColumnType(t.IntColumn);
            Str(b.Property(x => x.Sex), "sex", t, ShortLength);
            Str(b.Property(x => x.Zone), "zone", t, IdLength);
            Str(b.Property(x => x.Status), "status", t, ShortLength);
            Str(b.Property(x => x.ClosureReason), "closure_reason", t, ShortLength, nullable: true);
            Str(b.Property(x => x.AdmittedCaseId), "admitted_case_id", t, IdLength, nullable: true);
            Str(b.Property(x => x.AdmittedCaseReference), "admitted_case_reference", t, ReferenceLength, nullable: true);
            Time(b.Property(x => x.AdmittedAt), "admitted_at", t);
            Time(b.Property(x => x.CreatedAt), "created_at", t);
            Str(b.Property(x => x.CreatedBy), "created_by", t, NameLength);
            Time(b.Property(x => x.UpdatedAt), "updated_at", t);
            Int(b.Property(x => x.RowVersion), "row_version", t).IsConcurrencyToken();
            b.Ignore(x => x.OpenEpisode);
            b.HasIndex(x => x.Reference).IsUnique().HasDatabaseName("ux_open_door_records_reference");
            b.HasIndex(x => new { x.Status, x.Zone }).HasDatabaseName("ix_open_door_records_status");
            b.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.RecordId).HasConstraintName("fk_outreach_contacts_record").OnDelete(DeleteBehavior.Restrict);
            b.HasMany(x => x.Episodes).WithOne().HasForeignKey(x => x.RecordId).HasConstraintName("fk_pre_community_episodes_record").OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutreachContact>(b =>
        {
            b.ToTable("outreach_contacts");
            Key(b, "pk_outreach_contacts", t);
            Time(b.Property(x => x.ContactedAt), "contacted_at", t);
            Str(b.Property(x => x.Team), "team", t, IdLength);
            Str(b.Property(x => x.Zone), "zone", t, IdLength);
            Str(b.Property(x => x.Place), "place", t, NameLength, nullable: true);
            Str(b.Property(x => x.Alias), "alias", t, NameLength, nullable: true);
            b.Property(x => x.ApproximateAge).HasColumnName("approximate_age").HasColumnType(t.IntColumn);
            Str(b.Property(x => x.Sex), "sex", t, ShortLength);
            Str(b.Property(x => x.Offered), "offered", t, ListLength);
            Text(b.Property(x => x.Notes), "notes", t, nullable: true);
            Str(b.Property(x => x.RecordId), "record_id", t, IdLength, nullable: true);
            Time(b.Property(x => x.LinkedAt), "linked_at", t);
            Str(b.Property(x => x.LinkedBy), "linked_by", t, NameLength, nullable: true);
            Time(b.Property(x => x.RecordedAt), "recorded_at", t);
            Str(b.Property(x => x.RecordedBy), "recorded_by", t, NameLength);
            b.HasIndex(x => x.ContactedAt).HasDatabaseName("ix_outreach_contacts_contacted_at");
            b.HasIndex(x => new { x.RecordId, x.ContactedAt }).HasDatabaseName("ix_outreach_contacts_record");
        });

        builder.Entity<PreCommunityEpisode>(b =>
        {
            b.ToTable("pre_community_episodes");
            Key(b, "pk_pre_community_episodes", t);
            Str(b.Property(x => x.RecordId), "record_id", t, IdLength);
            Int(b.Property(x => x.Number), "number", t);
            Time(b.Property(x => x.StartedAt), "started_at", t);
            Time(b.Property(x => x.EndedAt), "ended_at", t);
            Str(b.Property(x => x.EndReason), "end_reason", t, ShortLength, nullable: true);
            Str(b.Property(x => x.InstanceId), "instance_id", t, IdLength, nullable: true);
            b.HasIndex(x => new { x.RecordId, x.Number }).IsUnique().HasDatabaseName("ux_pre_community_episodes_record_number");
        });
    }
}
