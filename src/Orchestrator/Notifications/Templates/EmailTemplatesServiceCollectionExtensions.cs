using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Effects;

namespace Orchestrator.Notifications.Templates;

/// <summary>Registers the template catalog (compiled and checked once at start-up), the link builder and the email effects.</summary>
public static class EmailTemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OrganisationLogo"/>, <see cref="TemplateCatalog"/> and <see cref="NotificationLinks"/>
    /// (singletons), builds the catalog when the host starts, and registers the send-task handler and the task
    /// notifications (<see cref="NotificationEffectsServiceCollectionExtensions.AddNotificationEffects"/>).
    /// </summary>
    /// <param name="services">The services (<see cref="OrganisationOptions"/> bound, else its defaults).</param>
    public static IServiceCollection AddEmailTemplates(this IServiceCollection services)
    {
        services.AddOptions<OrganisationOptions>();
        services.TryAddSingleton(sp => OrganisationLogo.Load(sp.GetRequiredService<IOptions<OrganisationOptions>>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NotificationOptions>();
            var directory = options.ResolveDirectory(options.TemplatesPath, sp.GetRequiredService<IHostEnvironment>());
            return TemplateCatalog.Load(directory, sp.GetRequiredService<IOptions<OrganisationOptions>>().Value, sp.GetRequiredService<OrganisationLogo>().EmailUrl,
                sp.GetRequiredService<ILogger<TemplateCatalog>>());
        });
        services.TryAddSingleton(sp => new NotificationLinks(sp.GetService<IOptions<OrchestratorOptions>>()?.Value.PublicBaseUrl ?? OrchestratorOptions.DefaultUrl));
        services.AddHostedService<TemplateCompilation>();
        services.AddNotificationEffects();
        return services;
    }

    /// <summary>Builds the catalog as the host starts, so a broken template stops the start with the file's name.</summary>
    private sealed class TemplateCompilation(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var catalog = services.GetRequiredService<TemplateCatalog>();
            _ = services.GetRequiredService<NotificationLinks>();
            _ = services.GetRequiredService<Workflows.JourneyNames>(); // a broken translation file stops the start-up, naming it
            var missing = TaskNotificationEffects.Templates.Where(k => !catalog.LanguagesOf(k).Contains(catalog.DefaultLanguage)).ToList();
            if (missing.Count > 0)
            {
                var path = services.GetRequiredService<NotificationOptions>().TemplatesPath;
                throw new TemplateException(
                    $"The task emails need templates/email/{{key}}.{catalog.DefaultLanguage}{TemplateCatalog.Extension} for {string.Join(", ", missing)}, and they were not found (Notifications:TemplatesPath = '{path}'; looked under the content root, the current directory and the executable's directory).");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
