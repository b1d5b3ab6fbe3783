using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;

namespace Orchestrator.Notifications.Outbox;

/// <summary>Registers the email outbox; its admin routes are <see cref="OutboxEndpoints.MapOutboxEndpoints"/>.</summary>
public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EmailOutbox"/>, <see cref="OutboxOptions"/> (section <c>Notifications:Outbox</c>),
    /// <see cref="EmailMessageFactory"/>, the transport (<see cref="SmtpEmailSender"/> when <c>Smtp:Host</c> is set, else
    /// <see cref="EmlFileEmailSender"/> into <c>Notifications:MailDirectory</c>), <see cref="OutboxDispatcher"/> as a
    /// hosted service, <see cref="OutboxAdministration"/> (scoped) and the <c>outbox</c> health check. Register your own
    /// <see cref="IEmailSender"/> or <see cref="OutboxOptions"/> first to replace them.
    /// </summary>
    /// <param name="services">The services (<see cref="SmtpOptions"/> and <see cref="NotificationOptions"/> registered).</param>
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services)
    {
        services.AddSingleton(sp => new EmailOutbox(sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .PostConfigure<IConfiguration>(OutboxOptions.TakeMessageIdDomain)
            .Validate(o =>
            {
                o.Validate(); // throws naming the setting, which a bare false could not
                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value);
        services.TryAddSingleton(sp => new EmailMessageFactory(
            sp.GetRequiredService<SmtpOptions>(), sp.GetRequiredService<IOptions<OrganisationOptions>>().Value, sp.GetRequiredService<OrganisationLogo>()));
        services.TryAddSingleton<IEmailSender>(sp =>
        {
            var smtp = sp.GetRequiredService<SmtpOptions>();
            var messages = sp.GetRequiredService<EmailMessageFactory>();
            if (!string.IsNullOrWhiteSpace(smtp.Host))
            {
                return new SmtpEmailSender(smtp, sp.GetRequiredService<OutboxOptions>(), messages);
            }

            var folder = sp.GetRequiredService<NotificationOptions>().MailDirectory;
            return new EmlFileEmailSender(messages, Path.GetFullPath(folder, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        });
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.TryAddScoped<OutboxAdministration>();
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>(OutboxHealthCheck.Name, failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        return services;
    }
}
