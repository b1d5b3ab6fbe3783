using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The mapping of <see cref="CaseAttachment"/>, applied from <see cref="OrchestratorDbContext"/> so that an upload, its
/// audit row and the case it belongs to share one transaction. The generated migrations of each provider create it.
/// </summary>
internal static class CaseAttachmentModel
{
    /// <summary>The table.</summary>
    public const string Table = "case_attachments";

    /// <summary>The longest title.</summary>
    public const int TitleLength = 200;

    /// <summary>The longest file name kept.</summary>
    public const int FileNameLength = 200;

    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<CaseAttachment>(b =>
        {
            b.ToTable(Table);
            b.HasKey(x => x.Id).HasName("pk_case_attachments");
            b.Property(x => x.Id).HasColumnName("id").HasColumnType(t.UuidColumn).ValueGeneratedNever();
            OrchestratorModel.Str(b.Property(x => x.CaseId), "case_id", t, OrchestratorModel.IdLength);
            OrchestratorModel.Str(b.Property(x => x.Category), "category", t, OrchestratorModel.StatusLength);
            OrchestratorModel.Str(b.Property(x => x.Title), "title", t, TitleLength);
            OrchestratorModel.Str(b.Property(x => x.FileName), "file_name", t, FileNameLength);
            OrchestratorModel.Str(b.Property(x => x.MediaType), "media_type", t, 100);
            OrchestratorModel.Long(b.Property(x => x.Size), "size", t);
            OrchestratorModel.Str(b.Property(x => x.ContentHash), "content_hash", t, OrchestratorModel.HashLength);
            b.Property(x => x.Content).HasColumnName("content").HasColumnType(t.Bytes).IsRequired();
            OrchestratorModel.Str(b.Property(x => x.UploadedBy), "uploaded_by", t, OrchestratorModel.NameLength);
            OrchestratorModel.Time(b.Property(x => x.UploadedAt), "uploaded_at", t);
            b.HasIndex(x => new { x.CaseId, x.UploadedAt }).HasDatabaseName("ix_case_attachments_case");
            b.HasOne<ChildCase>().WithMany().HasForeignKey(x => x.CaseId).HasConstraintName("fk_case_attachments_case").OnDelete(DeleteBehavior.Cascade);
        });
    }
}
