namespace Orchestrator.Cases.CaseFiles;

/// <summary>A file staff upload to a case (the caller keeps and disposes <see cref="Content"/>).</summary>
/// <param name="Category">A <see cref="DocumentCategories"/> value (required).</param>
/// <param name="Title">What the document is (required).</param>
/// <param name="FileName">The file's name on the person's computer.</param>
/// <param name="Length">The file's length in bytes, as the request declares it.</param>
/// <param name="Content">The file.</param>
public sealed record NewDocumentUpload(string? Category, string? Title, string? FileName, long Length, Stream Content);
