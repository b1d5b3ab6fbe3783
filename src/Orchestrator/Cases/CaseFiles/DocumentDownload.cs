namespace Orchestrator.Cases.CaseFiles;

/// <summary>A document's bytes, ready to send.</summary>
/// <param name="FileName">The name the download gets: the case reference, the kind and the date, never a child's name.</param>
/// <param name="MediaType">The media type.</param>
/// <param name="Content">The bytes.</param>
public sealed record DocumentDownload(string FileName, string MediaType, byte[] Content);
