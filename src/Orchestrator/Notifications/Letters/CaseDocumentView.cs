namespace Orchestrator.Notifications.Letters;

/// <summary>A case document as listed (no content).</summary>
/// <param name="Id">The document id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">The case reference.</param>
/// <param name="Kind">What it is (<c>letter</c>).</param>
/// <param name="TemplateKey">The template key.</param>
/// <param name="TemplateVersion">SHA-256 of the template sources.</param>
/// <param name="Language">The language.</param>
/// <param name="ContentHash">SHA-256 of the content.</param>
/// <param name="MediaType">The media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="CreatedBy">Who made it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record CaseDocumentView(Guid Id, string InstanceId, string? BusinessKey, string Kind, string TemplateKey, string TemplateVersion, string Language,
    string ContentHash, string MediaType, long Size, string CreatedBy, DateTimeOffset CreatedAt);
