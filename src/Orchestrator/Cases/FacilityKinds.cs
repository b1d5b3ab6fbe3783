namespace Orchestrator.Cases;

/// <summary>Kinds of facility.</summary>
public static class FacilityKinds
{
    /// <summary>First reception CAS (20–30 children, at most 45 days).</summary>
    public const string FirstReception = "first-reception";

    /// <summary>Long-term CAS (at most 15 children aged 11–17).</summary>
    public const string LongTerm = "long-term";

    /// <summary>Supervised small group home (at most 8 adolescents aged 16–18).</summary>
    public const string GroupHome = "group-home";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstReception, LongTerm, GroupHome];
}
