namespace Orchestrator.Cases;

/// <summary>Kinds of <see cref="CaseEvent"/>.</summary>
public static class CaseEventTypes
{
    /// <summary>The case was opened.</summary>
    public const string Opened = "opened";

    /// <summary>The phase changed (From → To); plans are reviewed at every change of phase.</summary>
    public const string PhaseChanged = "phase-changed";

    /// <summary>A placement was assigned (From → To: placement type and facility).</summary>
    public const string PlacementAssigned = "placement-assigned";

    /// <summary>The child left the shelter.</summary>
    public const string LeftShelter = "left-shelter";

    /// <summary>The events a journey may record with <c>case.recordEvent</c>.</summary>
    public static IReadOnlyList<string> Recordable { get; } = [LeftShelter];
}
