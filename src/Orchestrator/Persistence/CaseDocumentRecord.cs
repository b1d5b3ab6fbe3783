
namespace Orchestrator.Persistence;

/// <summary>
/// A document of a case (table <c>case_documents</c>): a letter printed to PDF, kept with what produced it (template
/// key and version, language), a SHA-256 of the content, and who made it and when. Letters carry case data, so they
/// are read only behind the sign-in, and every read is audited.
/// </summary>
public sealed class CaseDocumentRecord
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>The instance (case journey) it belongs to.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The business key (case reference) at the time it was made.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>What it is (<c>letter</c>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The template key (<c>templates/letters/&lt;key&gt;.&lt;lang&gt;.hbs</c>).</summary>
    public string TemplateKey { get; set; } = "";

    /// <summary>SHA-256 (hex) of the template and layout sources it was rendered from.</summary>
    public string TemplateVersion { get; set; } = "";

    /// <summary>The language rendered.</summary>
    public string Language { get; set; } = "";

    /// <summary>SHA-256 (hex) of <see cref="Content"/>.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The media type (<c>application/pdf</c>).</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The size of <see cref="Content"/> in bytes.</summary>
    public long Size { get; set; }

    /// <summary>The document.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>Who made it (user id, API key, or <c>system</c> for a letter task).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
