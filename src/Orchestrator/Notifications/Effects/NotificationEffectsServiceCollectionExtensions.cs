using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Engine.Runtime;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Effects;

/// <summary>Registers the send-task handler and the task notifications.</summary>
public static class NotificationEffectsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SendTaskHandler"/> (job type <see cref="JobHandlerRegistry.SendType"/>),
    /// <see cref="TaskNotificationEffects"/> (an <see cref="IWorkflowEffects"/>, also resolvable by its own type for the
    /// engine's reminder/escalation notifications), <see cref="TaskNotificationOptions"/> from the <c>Notifications</c>
    /// section, <see cref="JourneyNames"/> (the translations in <c>workflows/translations/</c>; the staff pages read the
    /// same service), and the start-up step that adds every <see cref="NotificationJobHandler"/> to the registry.
    /// </summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddNotificationEffects(this IServiceCollection services)
    {
        services.AddOptions<TaskNotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TaskNotificationOptions>>().Value);
        services.TryAddSingleton(sp => JourneyNames.Load(
            sp.GetService<IOptions<OrchestratorOptions>>()?.Value.ResolveWorkflowsDirectory(sp.GetRequiredService<IHostEnvironment>()),
            sp.GetService<WorkflowRuntime>()?.Definitions,
            sp.GetService<IOptions<OrganisationOptions>>()?.Value.DefaultLanguage ?? "es"));
        services.TryAddSingleton<SendTaskHandler>();
        services.AddSingleton(sp => new NotificationJobHandler(JobHandlerRegistry.SendType, sp.GetRequiredService<SendTaskHandler>()));
        services.TryAddSingleton<TaskNotificationEffects>();
        services.AddSingleton<IWorkflowEffects>(sp => sp.GetRequiredService<TaskNotificationEffects>());
        services.AddHostedService<JobHandlerInstallation>();
        return services;
    }

    /// <summary>Adds the notification job handlers to the registry before the start-up deployment can run any job.</summary>
    private sealed class JobHandlerInstallation(JobHandlerRegistry registry, IEnumerable<NotificationJobHandler> handlers) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var h in handlers)
            {
                registry.Register(h.Type, h.Handler);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
