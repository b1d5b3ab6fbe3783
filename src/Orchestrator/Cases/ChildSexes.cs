namespace Orchestrator.Cases;

/// <summary>A child's recorded sex.</summary>
public static class ChildSexes
{
    /// <summary>Female.</summary>
    public const string Female = "female";

    /// <summary>Male.</summary>
    public const string Male = "male";

    /// <summary>Other or not stated (admitted only where a facility admits anyone).</summary>
    public const string Other = "other";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [Female, Male, Other];
}
