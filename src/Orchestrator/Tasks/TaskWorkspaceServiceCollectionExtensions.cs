using System.Globalization;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Tasks;

/// <summary>Registers the staff workspace's services: the inbox query, task reads, drafts, saved views and the live change feed.</summary>
public static class TaskWorkspaceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TaskInbox"/> (the organisation's calendar), <see cref="TaskLookup"/>, <see cref="StaffDirectory"/>,
    /// <see cref="TaskDrafts"/> and <see cref="SavedInboxViews"/> (scoped), <see cref="TaskChangeFeed"/> (singleton) fed
    /// by <see cref="TaskChangeEffects"/>, the hourly <see cref="TaskDraftSweeper"/>, and on PostgreSQL the
    /// <see cref="PostgresTaskChangeRelay"/> between nodes.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Orchestrator</c>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTaskWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped(sp =>
        {
            var organisation = sp.GetRequiredService<IOptions<OrganisationOptions>>().Value;
            var culture = CultureInfo.GetCultureInfo(organisation.DefaultLanguage == "en" ? "en" : "es-MX");
            return new TaskInbox(sp.GetRequiredService<OrchestratorDbContext>(), sp.GetRequiredService<TimeProvider>(), InboxCalendar.Of(organisation.TimeZone, culture));
        });
        services.AddScoped<TaskLookup>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<TaskDrafts>();
        services.AddScoped<SavedInboxViews>();
        services.AddSingleton<TaskChangeFeed>();
        services.AddScoped<IWorkflowEffects, TaskChangeEffects>();
        services.AddHostedService<TaskDraftSweeper>();
        if (DatabaseProviders.Parse(configuration["Database:Provider"]) == DatabaseProvider.PostgreSql
            && configuration.GetConnectionString("Orchestrator") is { Length: > 0 } connectionString)
        {
            services.AddHostedService(sp => new PostgresTaskChangeRelay(sp.GetRequiredService<TaskChangeFeed>(), connectionString, sp.GetRequiredService<ILogger<PostgresTaskChangeRelay>>()));
        }

        return services;
    }
}
