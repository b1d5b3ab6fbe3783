namespace Orchestrator.Cases;

/// <summary>The horizons of a life-plan objective.</summary>
public static class LifePlanHorizons
{
    /// <summary>Short term.</summary>
    public const string ShortTerm = "short";

    /// <summary>Medium term.</summary>
    public const string MediumTerm = "medium";

    /// <summary>Long term.</summary>
    public const string LongTerm = "long";

    /// <summary>Every horizon.</summary>
    public static IReadOnlyList<string> All { get; } = [ShortTerm, MediumTerm, LongTerm];
}
