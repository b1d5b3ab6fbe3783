namespace Orchestrator.Notifications;

/// <summary>The <c>Notifications</c> section of appsettings.json: emails, letters and email-action links.</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>The organisation's name, in the letterhead and in every email's footer.</summary>
    public string OrganisationName { get; init; } = "Orchestrator";

    /// <summary>The language used when a recipient's is unknown or a template lacks theirs (<c>es</c>).</summary>
    public string DefaultLanguage { get; init; } = "es";

    /// <summary>The IANA zone dates and times are shown in (<c>America/Mexico_City</c>).</summary>
    public string TimeZone { get; init; } = "America/Mexico_City";

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

/// <summary>The <c>Smtp</c> section: where mail goes. No <c>Host</c>: mail stays in the outbox and in <see cref="NotificationOptions.MailDirectory"/>.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Smtp";

    /// <summary>The SMTP server; empty keeps mail local.</summary>
    public string? Host { get; init; }

    /// <summary>The port.</summary>
    public int Port { get; init; } = 25;

    /// <summary>Whether to use TLS (STARTTLS).</summary>
    public bool EnableSsl { get; init; }

    /// <summary>The user name; empty: no authentication.</summary>
    public string? UserName { get; init; }

    /// <summary>The password.</summary>
    public string? Password { get; init; }

    /// <summary>The sender address.</summary>
    public string From { get; init; } = "orchestrator@localhost";
}
