using MimeKit;
using MimeKit.Text;
using Orchestrator.Hosting;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Builds the one MIME message every transport sends, with MimeKit: <c>From</c> = the organisation's name and
/// <c>Smtp:From</c>, the row's stable <c>Message-ID</c>, UTF-8 throughout, and the body as
/// <c>multipart/alternative</c> (plain text first, HTML last: clients show the last part they understand); the HTML
/// inside <c>multipart/related</c> with the organisation's logo when it shows it (<c>cid:</c>), and the whole inside
/// <c>multipart/mixed</c> when a letter is attached as PDF. The <c>.eml</c> fallback and the admin download are this
/// message written out, so they carry exactly the headers and parts SMTP would.
/// </summary>
public sealed class EmailMessageFactory
{
    /// <summary>CRLF line ends whatever the platform: the message as it travels over SMTP.</summary>
    private static readonly FormatOptions Rfc5322 = CreateFormat();

    private readonly SmtpOptions _smtp;
    private readonly string? _organisationName;
    private readonly OrganisationLogo _logo;

    /// <summary>Creates the factory.</summary>
    /// <param name="smtp">The sender address (<c>Smtp:From</c>).</param>
    /// <param name="organisation">The organisation (its name is the sender's display name); <c>null</c>: the address alone.</param>
    /// <param name="logo">The logo emails show; <c>null</c>: none.</param>
    public EmailMessageFactory(SmtpOptions smtp, OrganisationOptions? organisation = null, OrganisationLogo? logo = null)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        _smtp = smtp;
        _organisationName = organisation?.Name;
        _logo = logo ?? OrganisationLogo.None;
    }

    /// <summary>Builds the message.</summary>
    /// <param name="email">The email.</param>
    /// <exception cref="EmailDeliveryException">The recipient or sender is not one plain address (kind <see cref="EmailFailureKind.MessageRejected"/>).</exception>
    public MimeMessage Build(OutboxEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!EmailAddresses.IsPlain(email.To))
        {
            throw new EmailDeliveryException(EmailFailureKind.MessageRejected, $"'{email.To}' is not an email address.");
        }

        if (!MailboxAddress.TryParse(_smtp.From, out var from))
        {
            throw new EmailDeliveryException(EmailFailureKind.MessageRejected, $"Smtp:From '{_smtp.From}' is not an email address.");
        }

        if (!string.IsNullOrWhiteSpace(_organisationName))
        {
            from.Name = _organisationName;
        }

        var message = new MimeMessage
        {
            MessageId = email.MessageId,
            Subject = email.Subject,
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.To));

        var text = new TextPart(TextFormat.Plain);
        text.SetText("utf-8", email.Text);
        text.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        var html = new TextPart(TextFormat.Html);
        html.SetText("utf-8", email.Html);
        html.ContentTransferEncoding = ContentEncoding.QuotedPrintable;

        MimeEntity htmlPart = html;
        if (_logo.Content is { } logo && email.Html.Contains("cid:" + OrganisationLogo.ContentId, StringComparison.Ordinal))
        {
            var image = new MimePart(ContentType.Parse(_logo.MediaType!))
            {
                Content = new MimeContent(new MemoryStream(logo.ToArray())),
                ContentId = OrganisationLogo.ContentId,
                ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = _logo.FileName },
                ContentTransferEncoding = ContentEncoding.Base64,
            };
            htmlPart = new MultipartRelated { html, image };
        }

        MimeEntity body = new MultipartAlternative { text, htmlPart };
        if (email.Attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var attachment in email.Attachments)
            {
                mixed.Add(new MimePart(ContentType.Parse(attachment.MediaType))
                {
                    Content = new MimeContent(new MemoryStream(attachment.Content.ToArray())),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = attachment.FileName },
                    ContentTransferEncoding = ContentEncoding.Base64,
                });
            }

            body = mixed;
        }

        message.Body = body;
        return message;
    }

    /// <summary>The message as RFC 5322 bytes (what an SMTP server receives after <c>DATA</c>).</summary>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<byte[]> ToEmlAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        using var message = Build(email);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(Rfc5322, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
