using Microsoft.EntityFrameworkCore;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using static Orchestrator.Persistence.OrchestratorModel;

namespace Orchestrator.Designer;

/// <summary>
/// The mapping of the designer's tables (drafts, scenarios per process version) and of the versioned forms; migration
/// <c>20261207600000_DesignerDraftsAndFormVersions</c> creates exactly this (SchemaTests check it).
/// </summary>
internal static class DesignerModel
{
    public const string Drafts = "designer_drafts";
    public const string Scenarios = "definition_scenarios";
    public const string FormVersions = "form_versions";
    public const string DefinitionForms = "definition_forms";

    public static void Configure(ModelBuilder builder, ColumnTypes t)
    {
        builder.Entity<DesignerDraftRecord>(b =>
        {
            b.ToTable(Drafts);
            b.HasKey(x => x.ProcessId).HasName("pk_designer_drafts");
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            b.Property(x => x.BaseVersion).HasColumnName("base_version").HasColumnType(t.IntColumn).IsRequired(false);
            Text(b.Property(x => x.Xml), "xml", t);
            Text(b.Property(x => x.Forms), "forms", t);
            Text(b.Property(x => x.Scenarios), "scenarios", t);
            Int(b.Property(x => x.Revision), "revision", t).IsConcurrencyToken();
            Str(b.Property(x => x.CreatedBy), "created_by", t, NameLength);
            Str(b.Property(x => x.UpdatedBy), "updated_by", t, NameLength);
            Time(b.Property(x => x.UpdatedAt), "updated_at", t);
        });

        builder.Entity<DefinitionScenarioRecord>(b =>
        {
            b.ToTable(Scenarios);
            b.HasKey(x => new { x.ProcessId, x.ProcessVersion, x.Name }).HasName("pk_definition_scenarios");
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Int(b.Property(x => x.ProcessVersion), "process_version", t);
            Str(b.Property(x => x.Name), "name", t, NameLength);
            Text(b.Property(x => x.Content), "content", t);
        });

        builder.Entity<FormVersionRecord>(b =>
        {
            b.ToTable(FormVersions);
            b.HasKey(x => new { x.FormKey, x.Version }).HasName("pk_form_versions");
            Str(b.Property(x => x.FormKey), "form_key", t, NameLength);
            Int(b.Property(x => x.Version), "version", t);
            Text(b.Property(x => x.Schema), "schema", t);
            Str(b.Property(x => x.ContentHash), "content_hash", t, HashLength);
            Str(b.Property(x => x.SourceName), "source_name", t, NameLength);
            Str(b.Property(x => x.DeployedBy), "deployed_by", t, NameLength);
            Time(b.Property(x => x.DeployedAt), "deployed_at", t);
        });

        builder.Entity<DefinitionFormRecord>(b =>
        {
            b.ToTable(DefinitionForms);
            b.HasKey(x => new { x.ProcessId, x.ProcessVersion, x.FormKey }).HasName("pk_definition_forms");
            Str(b.Property(x => x.ProcessId), "process_id", t, NameLength);
            Int(b.Property(x => x.ProcessVersion), "process_version", t);
            Str(b.Property(x => x.FormKey), "form_key", t, NameLength);
            Int(b.Property(x => x.FormVersion), "form_version", t);
        });
    }
}
