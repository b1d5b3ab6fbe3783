namespace Orchestrator.Persistence;

/// <summary>Task statuses.</summary>
public static class TaskStatuses
{
    /// <summary>In an inbox.</summary>
    public const string Open = "open";

    /// <summary>Completed by someone.</summary>
    public const string Completed = "completed";

    /// <summary>Cancelled with its scope.</summary>
    public const string Cancelled = "cancelled";
}
