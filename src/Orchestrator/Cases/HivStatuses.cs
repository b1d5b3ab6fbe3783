namespace Orchestrator.Cases;

/// <summary>An HIV status as the Luna programme records it (<see cref="ChildCase.HivStatus"/>).</summary>
public static class HivStatuses
{
    /// <summary>Not tested, or not known.</summary>
    public const string Unknown = "unknown";

    /// <summary>Tested negative.</summary>
    public const string Negative = "negative";

    /// <summary>Living with HIV (in care with the Luna team).</summary>
    public const string Positive = "positive";

    /// <summary>Every status.</summary>
    public static IReadOnlyList<string> All { get; } = [Unknown, Negative, Positive];
}
