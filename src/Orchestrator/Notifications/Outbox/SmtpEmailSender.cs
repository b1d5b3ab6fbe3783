using System.Net;
using System.Net.Mail;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail (MailKit is not reachable from this project's registry). One
/// <see cref="SmtpClient"/> per email: the client is not thread-safe and holds no pooled connection worth keeping.
/// </summary>
/// <remarks>
/// SmtpClient's caveats, and what we do about them: <see cref="SmtpClient.Timeout"/> applies only to the synchronous
/// <c>Send</c>, so the asynchronous send is bounded by a token that fires after <see cref="OutboxOptions.SendTimeout"/>;
/// that token (like the caller's) does not interrupt a single network read, it aborts the whole conversation
/// (<c>SendAsyncCancel</c>), and an abort after the server accepted <c>DATA</c> means the mail went out while we record
/// a failure. That is why every attempt of a row carries the same <c>Message-ID</c>: the resend is the same message.
/// <see cref="SmtpClient.EnableSsl"/> is STARTTLS on the configured port (implicit TLS on 465 is not supported by
/// System.Net.Mail).
/// </remarks>
public sealed class SmtpEmailSender(SmtpOptions smtp, OutboxOptions options) : IEmailSender
{
    /// <inheritdoc/>
    public string Transport => "smtp";

    /// <inheritdoc/>
    public async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("Smtp:Host is not set; the SMTP sender cannot send.");
        }

        using var message = EmailMessageWriter.Build(email, smtp.From);
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)Math.Min(int.MaxValue, options.SendTimeout.TotalMilliseconds),
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.UseDefaultCredentials = false;
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SendTimeout);
        try
        {
            await client.SendMailAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {smtp.Host}:{smtp.Port} did not take the email within {options.SendTimeout}.");
        }
    }
}
