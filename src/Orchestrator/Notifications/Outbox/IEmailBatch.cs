namespace Orchestrator.Notifications.Outbox;

/// <summary>Emails sent one after another over one connection (<see cref="IEmailSender.StartBatch"/>).</summary>
public interface IEmailBatch : IAsyncDisposable
{
    /// <summary>Delivers one email; throws when it was not accepted.</summary>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancellation (aborts the SMTP conversation).</param>
    /// <exception cref="EmailDeliveryException">Not delivered; its kind says whether the server or the email is the cause.</exception>
    Task SendAsync(OutboxEmail email, CancellationToken cancellationToken);
}
