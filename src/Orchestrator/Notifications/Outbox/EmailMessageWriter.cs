using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Builds the one <see cref="MailMessage"/> every transport sends (multipart/alternative: text, then HTML; UTF-8;
/// <c>Message-ID</c> from the outbox row) and writes it as an RFC 5322 file with System.Net.Mail's own MIME writer, so
/// the <c>.eml</c> fallback and the admin download carry exactly the headers and parts SMTP would.
/// </summary>
internal static class EmailMessageWriter
{
    /// <summary>The header carrying the stable id.</summary>
    public const string MessageIdHeader = "Message-ID";

    /// <summary>Builds the message (the caller disposes it).</summary>
    /// <param name="email">The email.</param>
    /// <param name="from">The sender address (<c>Smtp:From</c>).</param>
    public static MailMessage Build(OutboxEmail email, string from)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = new MailMessage
        {
            From = new MailAddress(from),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            message.To.Add(new MailAddress(email.To));
            message.Headers[MessageIdHeader] = "<" + email.MessageId + ">";

            // Clients show the last alternative they understand: text first, HTML last.
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
            foreach (var view in message.AlternateViews)
            {
                view.TransferEncoding = TransferEncoding.QuotedPrintable;
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>The message as RFC 5322 bytes (what an SMTP server receives after <c>DATA</c>).</summary>
    /// <param name="email">The email.</param>
    /// <param name="from">The sender address.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static async Task<byte[]> ToEmlAsync(OutboxEmail email, string from, CancellationToken cancellationToken)
    {
        // System.Net.Mail has no public "write to a stream"; its pickup-directory delivery is that writer, naming the
        // file itself. A private folder per call makes "the one file in it" this message.
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-eml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using (var message = Build(email, from))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder })
            {
                await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
            }

            var file = Directory.GetFiles(folder).Single();
            return StripPickupEnvelope(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Drops the <c>X-Sender</c>/<c>X-Receiver</c> lines the pickup writer puts first (the envelope, for IIS's pickup
    /// service): the file is then the message as an SMTP server receives it.
    /// </summary>
    private static byte[] StripPickupEnvelope(byte[] eml)
    {
        var start = 0;
        while (StartsWith(eml, start, "X-Sender:"u8) || StartsWith(eml, start, "X-Receiver:"u8))
        {
            var end = Array.IndexOf(eml, (byte)'\n', start);
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return start == 0 ? eml : eml[start..];
    }

    private static bool StartsWith(byte[] bytes, int offset, ReadOnlySpan<byte> prefix) =>
        bytes.Length - offset >= prefix.Length && bytes.AsSpan(offset, prefix.Length).SequenceEqual(prefix);
}
