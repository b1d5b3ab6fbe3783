namespace Orchestrator.Cases.CaseFiles;

/// <summary>Settings of the documents staff upload to a case (section <c>Cases:Documents</c>).</summary>
public sealed class CaseDocumentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cases:Documents";

    /// <summary>
    /// The largest file accepted, in bytes (default 3 MiB: a scanned paper or a phone's photo). The whole request must
    /// also fit under <c>Orchestrator:MaxRequestBodyBytes</c> (4 MiB by default), so keep this below it.
    /// </summary>
    public long MaxBytes { get; set; } = 3 * 1024 * 1024;
}
