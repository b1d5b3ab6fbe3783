namespace Orchestrator.Cases.OpenDoor;

/// <summary>Where a child is in the open door (<see cref="OpenDoorRecord.Status"/>).</summary>
public static class OpenDoorStatuses
{
    /// <summary>On the street: met by outreach, or away from pre-community.</summary>
    public const string Street = "street";

    /// <summary>Staying in pre-community (an episode is open).</summary>
    public const string PreCommunity = "pre-community";

    /// <summary>Admitted to the residence: a case file is open.</summary>
    public const string Residential = "residential";

    /// <summary>The record closed (<see cref="RecordClosureReasons"/>).</summary>
    public const string Closed = "closed";

    /// <summary>Every status.</summary>
    public static IReadOnlyList<string> All { get; } = [Street, PreCommunity, Residential, Closed];
}
