namespace Orchestrator.Cases.OpenDoor;

/// <summary>How a stay in pre-community ends.</summary>
public static class EpisodeEndReasons
{
    /// <summary>The child went back to the street (the door stays open).</summary>
    public const string LeftForStreet = "left-for-street";

    /// <summary>The child moved on to the residence.</summary>
    public const string MovedToResidence = "moved-to-residence";

    /// <summary>The record closed while the stay was open.</summary>
    public const string RecordClosed = "record-closed";

    /// <summary>Every reason.</summary>
    public static IReadOnlyList<string> All { get; } = [LeftForStreet, MovedToResidence, RecordClosed];
}
