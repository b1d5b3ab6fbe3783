namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The kinds of file a case accepts, recognised by their first bytes (the "magic numbers"), never by the name or the
/// type the browser claims: a renamed program or web page is not stored as a "PDF", and a download is served with the
/// type its bytes have.
/// </summary>
public static class DocumentContentTypes
{
    /// <summary>PDF.</summary>
    public const string Pdf = "application/pdf";

    /// <summary>JPEG.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>PNG.</summary>
    public const string Png = "image/png";

    /// <summary>WebP (what many phones save).</summary>
    public const string WebP = "image/webp";

    /// <summary>Every accepted type.</summary>
    public static IReadOnlyList<string> All { get; } = [Pdf, Jpeg, Png, WebP];

    /// <summary>The accepted type <paramref name="content"/> is, by its first bytes; <c>null</c> when it is none of them.</summary>
    /// <param name="content">The file's first bytes (at least 12 are read when there are that many).</param>
    /// <returns>The media type, or <c>null</c>.</returns>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        // "%PDF-" at the very start: readers accept junk before it, but an upload that hides its type is refused.
        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }

    /// <summary>The file extension downloads of a type get.</summary>
    /// <param name="mediaType">An accepted media type.</param>
    /// <returns>The extension with its dot.</returns>
    public static string Extension(string mediaType) => mediaType switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        WebP => ".webp",
        _ => ".bin",
    };
}
