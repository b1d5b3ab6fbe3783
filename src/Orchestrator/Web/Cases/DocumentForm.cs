namespace Orchestrator.Web.Cases;

/// <summary>A document uploaded from the case file.</summary>
public sealed class DocumentForm
{
    /// <summary>The kind of document.</summary>
    public string? Category { get; set; }

    /// <summary>What it is.</summary>
    public string? Title { get; set; }

    /// <summary>The file.</summary>
    public IFormFile? File { get; set; }
}
