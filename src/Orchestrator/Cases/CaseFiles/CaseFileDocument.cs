namespace Orchestrator.Cases.CaseFiles;

/// <summary>A document of a case file as the file lists it: an upload, or a letter one of the case's journeys printed.</summary>
/// <param name="Id">The document id (the download's).</param>
/// <param name="Source"><see cref="DocumentSources.Upload"/> or <see cref="DocumentSources.Letter"/>.</param>
/// <param name="Category">An upload's <see cref="DocumentCategories"/> value; a letter's template key.</param>
/// <param name="Title">What staff called an upload; a letter's template key.</param>
/// <param name="FileName">The uploaded file's name; <c>null</c> for a letter.</param>
/// <param name="MediaType">The media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="CreatedBy">Who uploaded or printed it (a person's display name, a program's key name, <c>system</c>).</param>
/// <param name="CreatedAt">When.</param>
public sealed record CaseFileDocument(Guid Id, string Source, string Category, string Title, string? FileName, string MediaType, long Size, string CreatedBy, DateTimeOffset CreatedAt);
