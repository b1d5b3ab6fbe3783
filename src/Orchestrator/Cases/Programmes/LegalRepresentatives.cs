namespace Orchestrator.Cases.Programmes;

/// <summary>Who represents a child in law, when someone does (<see cref="ChildCase.LegalRepresentative"/>).</summary>
public static class LegalRepresentatives
{
    /// <summary>A guardian (a parent or relative with custody).</summary>
    public const string Guardian = "guardian";

    /// <summary>The PPNNA (the child protection authority), as for most children in care without family.</summary>
    public const string Ppnna = "ppnna";

    /// <summary>Every representative.</summary>
    public static IReadOnlyList<string> All { get; } = [Guardian, Ppnna];
}
