namespace Orchestrator.Cases;

/// <summary>Placements (the <c>placementType</c> input of <c>case.assignPlacement</c>).</summary>
public static class PlacementTypes
{
    /// <summary>A first reception CAS.</summary>
    public const string FirstReception = "first-reception";

    /// <summary>The extended family (no facility).</summary>
    public const string ExtendedFamily = "extended-family";

    /// <summary>A certified foster family of the register.</summary>
    public const string FosterFamily = "foster-family";

    /// <summary>A long-term CAS.</summary>
    public const string LongTermCas = "long-term-cas";

    /// <summary>A supervised small group home.</summary>
    public const string GroupHome = "group-home";

    /// <summary>Every placement type.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstReception, ExtendedFamily, FosterFamily, LongTermCas, GroupHome];

    /// <summary>The facility kind a placement type needs, or <c>null</c> when it is not a facility.</summary>
    /// <param name="placementType">The placement type.</param>
    public static string? FacilityKindOf(string placementType) => placementType switch
    {
        FirstReception => FacilityKinds.FirstReception,
        LongTermCas => FacilityKinds.LongTerm,
        GroupHome => FacilityKinds.GroupHome,
        _ => null,
    };
}
