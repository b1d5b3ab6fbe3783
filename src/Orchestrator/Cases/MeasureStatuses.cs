namespace Orchestrator.Cases;

/// <summary>Status of a restitution measure or life-plan activity.</summary>
public static class MeasureStatuses
{
    /// <summary>Planned.</summary>
    public const string Planned = "planned";

    /// <summary>Under way.</summary>
    public const string InProgress = "in-progress";

    /// <summary>Done.</summary>
    public const string Done = "done";

    /// <summary>Cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [Planned, InProgress, Done, Cancelled];
}
