namespace Orchestrator.Cases.CaseFiles;

/// <summary>Where a document of a case file comes from.</summary>
public static class DocumentSources
{
    /// <summary>Uploaded by staff (<see cref="CaseAttachment"/>).</summary>
    public const string Upload = "upload";

    /// <summary>Printed by a letter task or the letters API (<c>case_documents</c>).</summary>
    public const string Letter = "letter";
}
