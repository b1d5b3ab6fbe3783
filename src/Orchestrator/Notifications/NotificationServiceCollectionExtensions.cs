using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Notifications.Letters;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;

namespace Orchestrator.Notifications;

/// <summary>Registers and maps the notification features: templates, the email outbox, letters and email actions (issue 5).</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>Registers every notification feature. Options: sections <c>Notifications</c> and <c>Smtp</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    public static IServiceCollection AddOrchestratorNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var notifications = new NotificationOptions();
        configuration.GetSection(NotificationOptions.Section).Bind(notifications);
        var smtp = new SmtpOptions();
        configuration.GetSection(SmtpOptions.Section).Bind(smtp);
        services.TryAddSingleton(notifications);
        services.TryAddSingleton(smtp);

        services.AddEmailTemplates();
        services.AddEmailOutbox();
        services.AddLetters();
        services.AddEmailActions();
        return services;
    }

    /// <summary>Maps the notification endpoints: the outbox for admins and case documents (the email-action pages are Razor Pages, <c>Web/Act/</c>).</summary>
    /// <param name="app">The routes.</param>
    public static IEndpointRouteBuilder MapOrchestratorNotifications(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOutboxEndpoints();
        app.MapLetterEndpoints();
        return app;
    }
}
