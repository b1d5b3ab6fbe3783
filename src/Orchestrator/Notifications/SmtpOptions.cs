namespace Orchestrator.Notifications;

/// <summary>The <c>Smtp</c> section: where mail goes. No <c>Host</c>: mail stays in the outbox and in <see cref="NotificationOptions.MailDirectory"/>.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Smtp";

    /// <summary>The SMTP server; empty keeps mail local.</summary>
    public string? Host { get; init; }

    /// <summary>The port (25 relay, 587 submission with STARTTLS, 465 implicit TLS).</summary>
    public int Port { get; init; } = 25;

    /// <summary>How the connection is protected: <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.None;

    /// <summary>
    /// A certificate file (PEM or DER) the server's certificate may also be: for a server whose certificate no system
    /// authority signed (a relay with its own certificate). Empty: the system's trust only.
    /// </summary>
    public string? ServerCertificatePath { get; init; }

    /// <summary>The user name; empty: no authentication.</summary>
    public string? UserName { get; init; }

    /// <summary>The password.</summary>
    public string? Password { get; init; }

    /// <summary>The sender address; its display name is the organisation's name (<c>Organisation:Name</c>).</summary>
    public string From { get; init; } = "orchestrator@localhost";
}
