namespace Orchestrator.Cases.Programmes;

/// <summary>Who gives a consent: the child's assent, or the consent of their legal representative (<see cref="LegalRepresentatives"/>).</summary>
public static class ConsentGivers
{
    /// <summary>The child or young adult.</summary>
    public const string Child = "child";

    /// <summary>The child's guardian.</summary>
    public const string Guardian = LegalRepresentatives.Guardian;

    /// <summary>The PPNNA, when it represents the child.</summary>
    public const string Ppnna = LegalRepresentatives.Ppnna;

    /// <summary>Every giver.</summary>
    public static IReadOnlyList<string> All { get; } = [Child, Guardian, Ppnna];
}
