using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence;

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
