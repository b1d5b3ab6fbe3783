using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Sends through an SMTP server with MailKit: <c>Smtp:Security</c> (<c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c>),
/// authentication when <c>Smtp:UserName</c> is set, one connection per batch of the outbox (reconnecting once when
/// the server closed a connection it had kept open), every conversation bounded by
/// <see cref="OutboxOptions.SendTimeout"/>. Failures are sorted into <see cref="EmailFailureKind"/>: the server is
/// unavailable (no connection, TLS or authentication refused, a dropped connection, a 421, a time-out) or it refused
/// this one email for now (4xx) or for good (5xx).
/// </summary>
/// <remarks>
/// A time-out or a dropped connection after the server received the whole message but before it answered means the
/// mail may have gone out while a failure is recorded. That is why every attempt of a row carries the same
/// <c>Message-ID</c>: the resend is the same message, and receivers recognise it.
/// </remarks>
public sealed class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions _smtp;
    private readonly OutboxOptions _options;
    private readonly EmailMessageFactory _messages;
    private readonly X509Certificate2? _pinned;

    /// <summary>Creates the sender.</summary>
    /// <param name="smtp">Where to send (<c>Smtp</c> section).</param>
    /// <param name="options">The time-out of one conversation.</param>
    /// <param name="messages">How messages are built (default: the sender address alone, no logo).</param>
    /// <exception cref="InvalidOperationException"><c>Smtp:ServerCertificatePath</c> cannot be read.</exception>
    public SmtpEmailSender(SmtpOptions smtp, OutboxOptions options, EmailMessageFactory? messages = null)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(options);
        _smtp = smtp;
        _options = options;
        _messages = messages ?? new EmailMessageFactory(smtp);
        if (!string.IsNullOrWhiteSpace(smtp.ServerCertificatePath))
        {
            try
            {
                _pinned = X509CertificateLoader.LoadCertificateFromFile(smtp.ServerCertificatePath);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Smtp:ServerCertificatePath '{smtp.ServerCertificatePath}' cannot be read as a certificate (PEM or DER): {e.Message}", e);
            }
        }
    }

    /// <inheritdoc/>
    public string Transport => "smtp";

    /// <inheritdoc/>
    public IEmailBatch StartBatch() => new Batch(this);

    /// <inheritdoc/>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = NewClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SendTimeout);
        try
        {
            await ConnectAsync(client, timeout.Token).ConfigureAwait(false);
            await client.NoOpAsync(timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not EmailDeliveryException && !cancellationToken.IsCancellationRequested)
        {
            throw Classify(e, timeout.IsCancellationRequested);
        }
    }

    private SmtpClient NewClient()
    {
        if (string.IsNullOrWhiteSpace(_smtp.Host))
        {
            throw new InvalidOperationException("Smtp:Host is not set; the SMTP sender cannot send.");
        }

        var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _options.SendTimeout.TotalMilliseconds) };
        if (_pinned is not null)
        {
            client.ServerCertificateValidationCallback = AcceptPinned;
        }

        return client;
    }

    private bool AcceptPinned(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (certificate is not null && _pinned is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(_pinned.RawData));

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var security = _smtp.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(_smtp.Host!, _smtp.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_smtp.UserName))
        {
            await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a failure means: the server is unavailable, or this email was refused for now or for good.</summary>
    private EmailDeliveryException Classify(Exception e, bool timedOut)
    {
        var where = $"{_smtp.Host}:{_smtp.Port}";
        return e switch
        {
            _ when timedOut => new(EmailFailureKind.ServerUnavailable, $"The SMTP server {where} did not answer within {_options.SendTimeout}.", e),
            AuthenticationException => new(EmailFailureKind.ServerUnavailable, $"The SMTP server {where} refused the authentication of '{_smtp.UserName}': {e.Message}", e),
            SslHandshakeException => new(EmailFailureKind.ServerUnavailable, $"TLS with the SMTP server {where} failed ({_smtp.Security}): {e.Message}", e),
            SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.AuthenticationRequired } command =>
                new(EmailFailureKind.ServerUnavailable, $"The SMTP server {where} is not available: {(int)command.StatusCode} {e.Message}", e),
            SmtpCommandException { ErrorCode: SmtpErrorCode.UnexpectedStatusCode } command =>
                new(EmailFailureKind.ServerUnavailable, $"The SMTP server {where} answered {(int)command.StatusCode}: {e.Message}", e),
            SmtpCommandException command when (int)command.StatusCode is >= 400 and < 500 =>
                new(EmailFailureKind.MessageDeferred, $"The SMTP server {where} deferred the email ({command.ErrorCode}): {(int)command.StatusCode} {e.Message}", e),
            SmtpCommandException command =>
                new(EmailFailureKind.MessageRejected, $"The SMTP server {where} rejected the email ({command.ErrorCode}): {(int)command.StatusCode} {e.Message}", e),
            _ => new(EmailFailureKind.ServerUnavailable, $"The SMTP server {where} is unreachable or closed the connection ({e.GetType().Name}): {e.Message}", e),
        };
    }

    private static bool IsConnectionLost(Exception e) =>
        e is SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or ObjectDisposedException;

    /// <summary>One connection for the emails of one batch, opened on the first email.</summary>
    private sealed class Batch(SmtpEmailSender sender) : IEmailBatch
    {
        private SmtpClient? _client;
        private int _sentOnConnection;

        public async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            using var message = sender._messages.Build(email);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(sender._options.SendTimeout);
            try
            {
                if (_client is { IsConnected: true } && _sentOnConnection > 0)
                {
                    try
                    {
                        await _client.SendAsync(message, timeout.Token).ConfigureAwait(false);
                        _sentOnConnection++;
                        return;
                    }
                    catch (Exception e) when (IsConnectionLost(e) && !timeout.IsCancellationRequested)
                    {
                        // The server closed a connection it had kept open (an idle limit, a cap of messages per
                        // connection): once more, on a new one. A server that is really gone fails that as well.
                        await CloseAsync().ConfigureAwait(false);
                    }
                }

                if (_client is not { IsConnected: true })
                {
                    await CloseAsync().ConfigureAwait(false);
                    _client = sender.NewClient();
                    await sender.ConnectAsync(_client, timeout.Token).ConfigureAwait(false);
                }

                await _client.SendAsync(message, timeout.Token).ConfigureAwait(false);
                _sentOnConnection++;
            }
            catch (Exception e) when (e is not EmailDeliveryException && !cancellationToken.IsCancellationRequested)
            {
                var failure = sender.Classify(e, timeout.IsCancellationRequested);
                if (failure.Kind == EmailFailureKind.ServerUnavailable)
                {
                    await CloseAsync().ConfigureAwait(false);
                }

                throw failure;
            }
        }

        public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

        private async Task CloseAsync()
        {
            if (_client is null)
            {
                return;
            }

            try
            {
                if (_client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _client.DisconnectAsync(quit: true, quit.Token).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // Saying goodbye to a server that may be gone: nothing to do about a failure.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                _client.Dispose();
                _client = null;
                _sentOnConnection = 0;
            }
        }
    }
}
