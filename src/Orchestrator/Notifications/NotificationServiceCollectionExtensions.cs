using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Notifications.Letters;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;

namespace Orchestrator.Notifications;

/// <summary>
/// Registers the notification features: templates, the email outbox, letters and email actions. Their routes are
/// <see cref="NotificationEndpoints.MapNotificationEndpoints"/>.
/// </summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>Registers every notification feature. Options: sections <c>Notifications</c> and <c>Smtp</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHostedService(_ => new MovedSettingsCheck(configuration));
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.EmailActionLifetime > TimeSpan.Zero, "Notifications:EmailActionLifetime must be positive.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => o.Port is > 0 and <= 65535, "Smtp:Port must be between 1 and 65535.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.From), "Smtp:From must not be empty.")
            .ValidateOnStart();

        // The notification services take the settings themselves (not IOptions<T>): read once, as bound above.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value);

        services.AddEmailTemplates();
        services.AddEmailOutbox();
        services.AddLetters();
        services.AddEmailActions();
        return services;
    }

    /// <summary>
    /// Settings that moved stop the start-up naming their new place, instead of being ignored (an organisation that set
    /// <c>Notifications:OrganisationName</c> would otherwise see another name in every email).
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <exception cref="InvalidOperationException">A moved setting is set (the message names the old and the new place).</exception>
    internal static void RefuseMovedSettings(IConfiguration configuration)
    {
        (string Old, string New)[] moved =
        [
            ("Notifications:OrganisationName", "Organisation:Name"),
            ("Notifications:DefaultLanguage", "Organisation:DefaultLanguage"),
            ("Notifications:TimeZone", "Organisation:TimeZone"),
            ("Smtp:EnableSsl", "Smtp:Security (None, StartTls or SslOnConnect)"),
        ];
        foreach (var (old, now) in moved)
        {
            // EnableSsl=false asked for what Security=None does; only a true would be lost.
            var value = configuration[old];
            var harmless = old == "Smtp:EnableSsl" && bool.TryParse(value, out var ssl) && !ssl;
            if (!string.IsNullOrEmpty(value) && !harmless)
            {
                throw new InvalidOperationException($"The setting {old} is no longer read; set {now} instead (appsettings.json or the environment variable {old.Replace(":", "__", StringComparison.Ordinal)}).");
            }
        }
    }

    /// <summary>Runs <see cref="RefuseMovedSettings"/> as the host starts.</summary>
    private sealed class MovedSettingsCheck(IConfiguration configuration) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            RefuseMovedSettings(configuration);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
