using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Security;

namespace Orchestrator.Persistence;

/// <summary>
/// The one DbContext: engine rows (definitions, instances, tasks, timers, jobs, subscriptions, incidents, history),
/// idempotency keys, the outbox, Identity's users and roles, and (later) case data, so that one transaction covers
/// them all. Engine tables are snake_case; Identity keeps its own <c>AspNet*</c> names. On PostgreSQL it also holds the
/// data-protection keys that every node shares (sign-in cookies, anti-forgery, email-action links).
/// </summary>
public class OrchestratorDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    /// <summary>The context the services use.</summary>
    /// <param name="options">The options.</param>
    public OrchestratorDbContext(DbContextOptions<OrchestratorDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the migration contexts of each provider (Persistence/Migrations/README.md): the same model, their own migrations.</summary>
    /// <param name="options">The options.</param>
    protected OrchestratorDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Deployed process versions.</summary>
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();

    /// <summary>Process instances.</summary>
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();

    /// <summary>User tasks.</summary>
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    /// <summary>Candidate groups and users of tasks.</summary>
    public DbSet<TaskCandidateRecord> TaskCandidates => Set<TaskCandidateRecord>();

    /// <summary>Timers.</summary>
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();

    /// <summary>Pending jobs.</summary>
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    /// <summary>Open message subscriptions.</summary>
    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    /// <summary>Incidents.</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    /// <summary>The audit trail.</summary>
    public DbSet<HistoryRecord> History => Set<HistoryRecord>();

    /// <summary>Remembered responses of idempotent requests.</summary>
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    /// <summary>Messages to send after commit.</summary>
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    /// <summary>Documents of cases (letters as PDF).</summary>
    public DbSet<CaseDocumentRecord> CaseDocuments => Set<CaseDocumentRecord>();

    /// <summary>Email-action links: only their hashes.</summary>
    public DbSet<EmailActionTokenRecord> EmailActionTokens => Set<EmailActionTokenRecord>();

    /// <summary>ASP.NET Core data-protection keys (XML), shared by the nodes on PostgreSQL.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Half-filled task forms, one per task and person, sealed (the staff workspace).</summary>
    public DbSet<global::Orchestrator.Tasks.TaskDraftRecord> TaskDrafts => Set<global::Orchestrator.Tasks.TaskDraftRecord>();

    /// <summary>Saved inbox views (the staff workspace).</summary>
    public DbSet<global::Orchestrator.Tasks.InboxViewRecord> InboxViews => Set<global::Orchestrator.Tasks.InboxViewRecord>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        var t = DatabaseProviders.Types(Database.ProviderName);
        OrchestratorModel.Configure(builder, t);
        CaseDocumentModel.Configure(builder, t);
        Cases.CaseModel.Configure(builder, t);
        global::Orchestrator.Tasks.TaskWorkspaceModel.Configure(builder, t);
        Cases.CaseFiles.CaseAttachmentModel.Configure(builder, t);
        Designer.DesignerModel.Configure(builder, t); // drafts, scenarios and versioned forms (Designer/README.md)
        builder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("data_protection_keys");
            b.HasKey(x => x.Id).HasName("pk_data_protection_keys");
            var id = b.Property(x => x.Id).HasColumnName("id").HasColumnType(t.IntColumn).ValueGeneratedOnAdd();
            if (t.Provider == DatabaseProvider.PostgreSql)
            {
                id.UseIdentityByDefaultColumn();
            }

            b.Property(x => x.FriendlyName).HasColumnName("friendly_name").HasColumnType(t.Text);
            b.Property(x => x.Xml).HasColumnName("xml").HasColumnType(t.Text);
        });
    }
}
