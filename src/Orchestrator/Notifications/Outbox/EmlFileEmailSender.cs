using System.Globalization;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// The transport when no <c>Smtp:Host</c> is set (the embedded default): each email becomes
/// <c>{MailDirectory}/{createdAt:yyyyMMddTHHmmss}-{outbox id}.eml</c>, the RFC 5322 message SMTP would have carried
/// (<see cref="EmailMessageFactory"/>). The name depends only on the row, so sending a row again overwrites its file
/// instead of adding a second one.
/// </summary>
/// <param name="messages">How messages are built.</param>
/// <param name="mailDirectory">The absolute folder (created when missing).</param>
public sealed class EmlFileEmailSender(EmailMessageFactory messages, string mailDirectory) : IEmailSender
{
    /// <summary>The folder the files go to.</summary>
    public string MailDirectory { get; } = mailDirectory;

    /// <inheritdoc/>
    public string Transport => "eml";

    /// <summary>The file an email is written to.</summary>
    /// <param name="outboxId">The outbox row's id.</param>
    /// <param name="createdAt">When the row was staged.</param>
    public string FileFor(Guid outboxId, DateTimeOffset createdAt) =>
        Path.Combine(MailDirectory, createdAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + outboxId.ToString("D") + ".eml");

    /// <inheritdoc/>
    public IEmailBatch StartBatch() => new Batch(this);

    /// <inheritdoc/>
    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(MailDirectory);
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmailDeliveryException(EmailFailureKind.ServerUnavailable, $"The mail folder {MailDirectory} cannot be written: {e.Message}", e);
        }
    }

    /// <summary>Writes one email's file.</summary>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task WriteAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var bytes = await messages.ToEmlAsync(email, cancellationToken).ConfigureAwait(false);
        var target = FileFor(email.OutboxId, email.CreatedAt);
        try
        {
            Directory.CreateDirectory(MailDirectory);

            // Written beside the target and moved over it, so a reader never sees half a file.
            var temporary = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmailDeliveryException(EmailFailureKind.ServerUnavailable, $"The mail folder {MailDirectory} cannot be written: {e.Message}", e);
        }
    }

    private sealed class Batch(EmlFileEmailSender sender) : IEmailBatch
    {
        public Task SendAsync(OutboxEmail email, CancellationToken cancellationToken) => sender.WriteAsync(email, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
