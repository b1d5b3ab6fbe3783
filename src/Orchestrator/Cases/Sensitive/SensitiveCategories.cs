namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// The kinds of sensitive personal data the case domain keeps (Mexico's data-protection law counts health, sexual life
/// and being a victim of crime among them), each read only by the groups of the programme that needs it
/// (<see cref="SensitiveReaders"/>).
/// </summary>
public static class SensitiveCategories
{
    /// <summary>HIV status and sexual health: the Luna programme's team and the psychologist.</summary>
    public const string SexualHealth = "sexual-health";

    /// <summary>A history of sexual exploitation: the Luna programme's team and the psychologist.</summary>
    public const string SexualExploitation = "sexual-exploitation";

    /// <summary>Being a victim of human trafficking: the Luna and apartment programmes' teams and the psychologist.</summary>
    public const string Trafficking = "trafficking";

    /// <summary>
    /// The link between a street child's pseudonymous record and the case file opened at admission (and the names given
    /// then): coordinators only, so that the outreach record stays pseudonymous for everyone else.
    /// </summary>
    public const string CaseLink = "case-link";

    /// <summary>Every category.</summary>
    public static IReadOnlyList<string> All { get; } = [SexualHealth, SexualExploitation, Trafficking, CaseLink];
}
