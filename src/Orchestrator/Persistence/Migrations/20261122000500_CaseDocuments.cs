using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Persistence.Migrations;

/// <summary>Documents of a case: letters printed to PDF, with their template version, content hash, author and time.</summary>
[DbContext(typeof(OrchestratorDbContext))]
[Migration("20261122000500_CaseDocuments")]
public sealed class CaseDocuments : Migration
{
    /// <inheritdoc/>
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var t = DatabaseProviders.Types(migrationBuilder.ActiveProvider);
        var m = new MigrationColumns(migrationBuilder, t);
        migrationBuilder.CreateTable(
            name: CaseDocumentModel.Table,
            columns: table => new
            {
                id = table.Column<Guid>(type: t.UuidColumn, nullable: false),
                instance_id = table.Column<string>(type: t.Varchar(IdLength), maxLength: IdLength, nullable: false),
                business_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: true),
                kind = table.Column<string>(type: t.Varchar(StatusLength), maxLength: StatusLength, nullable: false),
                template_key = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                template_version = table.Column<string>(type: t.Varchar(HashLength), maxLength: HashLength, nullable: false),
                language = table.Column<string>(type: t.Varchar(10), maxLength: 10, nullable: false),
                content_hash = table.Column<string>(type: t.Varchar(HashLength), maxLength: HashLength, nullable: false),
                media_type = table.Column<string>(type: t.Varchar(100), maxLength: 100, nullable: false),
                size = table.Column<long>(type: t.BigIntColumn, nullable: false),
                content = table.Column<byte[]>(type: CaseDocumentModel.Bytes(t), nullable: false),
                created_by = table.Column<string>(type: t.Varchar(NameLength), maxLength: NameLength, nullable: false),
                created_at = m.Time(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_case_documents", x => x.id));
        migrationBuilder.CreateIndex("ix_case_documents_instance_created", CaseDocumentModel.Table, ["instance_id", "created_at"]);
    }

    /// <inheritdoc/>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(CaseDocumentModel.Table);
    }
}
