namespace Orchestrator.Cases.CaseFiles;

/// <summary>What an uploaded document is (the <c>category</c> of an upload).</summary>
public static class DocumentCategories
{
    /// <summary>An identity paper: birth certificate, passport, consular identification, CURP.</summary>
    public const string Identity = "identity";

    /// <summary>A consent or assent form.</summary>
    public const string Consent = "consent";

    /// <summary>A report: medical, psychological, social, school, a PPNNA or court decision.</summary>
    public const string Report = "report";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>Every category, in the order the upload form offers them.</summary>
    public static IReadOnlyList<string> All { get; } = [Identity, Consent, Report, Other];
}
