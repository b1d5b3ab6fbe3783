namespace Orchestrator.Notifications.Outbox;

/// <summary>A transport could not deliver an email; <see cref="Kind"/> says whether the server or the email is the cause.</summary>
public sealed class EmailDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmailDeliveryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="inner">The cause.</param>
    public EmailDeliveryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Whether the server or the email is the cause.</param>
    /// <param name="message">What happened (kept as the row's last error).</param>
    /// <param name="inner">The cause.</param>
    public EmailDeliveryException(EmailFailureKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>Whether the server or the email is the cause.</summary>
    public EmailFailureKind Kind { get; }
}
