namespace Orchestrator.Notifications;

/// <summary>How the connection to the SMTP server is protected (<c>Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>No TLS (a relay on the same host or network, or MailDev in the tests).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (submission, port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    SslOnConnect,
}
