namespace Orchestrator.Notifications;

/// <summary>
/// The <c>Notifications</c> section of appsettings.json: emails, letters and email-action links. The organisation's
/// name, logo, time zone and default language are in the <c>Organisation</c> section
/// (<see cref="Hosting.OrganisationOptions"/>), which the pages share.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>The folder of <c>email/</c> and <c>letters/</c> templates (relative: content root, then the executable's directory).</summary>
    public string TemplatesPath { get; init; } = "templates";

    /// <summary>Where emails are written as <c>.eml</c> files when no <c>Smtp:Host</c> is set (relative: content root).</summary>
    public string MailDirectory { get; init; } = "data/mail";

    /// <summary>How long an email-action link stays valid.</summary>
    public TimeSpan EmailActionLifetime { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The group told about escalations and expired links.</summary>
    public string CoordinatorGroup { get; init; } = "coordinator";

    /// <summary>A configured folder as an absolute path (see <see cref="Hosting.OrchestratorOptions.ResolveDirectory"/>).</summary>
    /// <param name="path">The configured path.</param>
    /// <param name="environment">The host environment.</param>
    public string? ResolveDirectory(string path, IHostEnvironment environment) => Hosting.OrchestratorOptions.ResolveDirectory(path, environment);
}
