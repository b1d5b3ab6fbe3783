namespace Orchestrator.Cases;

/// <summary>The three programmes of the individual life plan.</summary>
public static class LifePlanProgrammes
{
    /// <summary>Education.</summary>
    public const string Education = "education";

    /// <summary>Preparation for independent living.</summary>
    public const string IndependentLiving = "independent-living";

    /// <summary>Personal growth.</summary>
    public const string PersonalGrowth = "personal-growth";

    /// <summary>Every programme.</summary>
    public static IReadOnlyList<string> All { get; } = [Education, IndependentLiving, PersonalGrowth];
}
