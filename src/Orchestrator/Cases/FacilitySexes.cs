namespace Orchestrator.Cases;

/// <summary>Who a facility admits.</summary>
public static class FacilitySexes
{
    /// <summary>Anyone.</summary>
    public const string Any = "any";

    /// <summary>Girls only.</summary>
    public const string Female = "female";

    /// <summary>Boys only.</summary>
    public const string Male = "male";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [Any, Female, Male];
}
