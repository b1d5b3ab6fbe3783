namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// A document staff uploaded to a case file (table <c>case_attachments</c>): an identity paper, a consent form, a
/// report — a PDF or an image, kept with the case, its type taken from its bytes. Letters the journeys print are kept
/// apart (<c>case_documents</c>, by instance); the case file shows both.
/// </summary>
public sealed class CaseAttachment
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case it belongs to.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>What it is (<see cref="DocumentCategories"/>).</summary>
    public string Category { get; set; } = DocumentCategories.Other;

    /// <summary>A short description staff typed (what the paper is, whose it is).</summary>
    public string Title { get; set; } = "";

    /// <summary>The name of the file as it was uploaded (shown in the case file; downloads are named by the reference).</summary>
    public string FileName { get; set; } = "";

    /// <summary>The media type read from the file's first bytes (<see cref="DocumentContentTypes"/>), never the browser's claim.</summary>
    public string MediaType { get; set; } = "";

    /// <summary>The size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="Content"/>.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The file.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>Who uploaded it (a user id or <c>apikey:NAME</c>).</summary>
    public string UploadedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset UploadedAt { get; set; }
}
