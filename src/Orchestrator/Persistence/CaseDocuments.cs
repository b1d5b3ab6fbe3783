using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence;

/// <summary>
/// A document of a case (table <c>case_documents</c>): a letter printed to PDF, kept with what produced it (template
/// key and version, language), a SHA-256 of the content, and who made it and when. Letters carry case data, so they
/// are read only behind the sign-in, and every read is audited.
/// </summary>
public sealed class CaseDocumentRecord
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>The instance (case journey) it belongs to.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The business key (case reference) at the time it was made.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>What it is (<c>letter</c>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The template key (<c>templates/letters/&lt;key&gt;.&lt;lang&gt;.hbs</c>).</summary>
    public string TemplateKey { get; set; } = "";

    /// <summary>SHA-256 (hex) of the template and layout sources it was rendered from.</summary>
    public string TemplateVersion { get; set; } = "";

    /// <summary>The language rendered.</summary>
    public string Language { get; set; } = "";

    /// <summary>SHA-256 (hex) of <see cref="Content"/>.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The media type (<c>application/pdf</c>).</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The size of <see cref="Content"/> in bytes.</summary>
    public long Size { get; set; }

    /// <summary>The document.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>Who made it (user id, API key, or <c>system</c> for a letter task).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The mapping of <see cref="CaseDocumentRecord"/>; migration <c>20261122000500_CaseDocuments</c> creates exactly this.</summary>
internal static class CaseDocumentModel
{
    public const string Table = "case_documents";

    /// <summary>Binary content: <c>BLOB</c> on SQLite, <c>bytea</c> on PostgreSQL, <c>varbinary(max)</c> on SQL Server.</summary>
    public static string Bytes(ColumnTypes t) => t.Bytes;

    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        builder.Entity<CaseDocumentRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(x => x.Id).HasName("pk_case_documents");
            b.Property(x => x.Id).HasColumnName("id").HasColumnType(t.UuidColumn).ValueGeneratedNever();
            OrchestratorModel.Str(b.Property(x => x.InstanceId), "instance_id", t, OrchestratorModel.IdLength);
            OrchestratorModel.Str(b.Property(x => x.BusinessKey), "business_key", t, OrchestratorModel.NameLength, nullable: true);
            OrchestratorModel.Str(b.Property(x => x.Kind), "kind", t, OrchestratorModel.StatusLength);
            OrchestratorModel.Str(b.Property(x => x.TemplateKey), "template_key", t, OrchestratorModel.NameLength);
            OrchestratorModel.Str(b.Property(x => x.TemplateVersion), "template_version", t, OrchestratorModel.HashLength);
            OrchestratorModel.Str(b.Property(x => x.Language), "language", t, 10);
            OrchestratorModel.Str(b.Property(x => x.ContentHash), "content_hash", t, OrchestratorModel.HashLength);
            OrchestratorModel.Str(b.Property(x => x.MediaType), "media_type", t, 100);
            b.Property(x => x.Size).HasColumnName("size").HasColumnType(t.BigIntColumn);
            b.Property(x => x.Content).HasColumnName("content").HasColumnType(Bytes(t)).IsRequired();
            OrchestratorModel.Str(b.Property(x => x.CreatedBy), "created_by", t, OrchestratorModel.NameLength);
            OrchestratorModel.Time(b.Property(x => x.CreatedAt), "created_at", t);
            b.HasIndex(x => new { x.InstanceId, x.CreatedAt }).HasDatabaseName("ix_case_documents_instance_created");
        });
    }
}
