namespace Orchestrator.Persistence;

/// <summary>Timer statuses.</summary>
public static class TimerStatuses
{
    /// <summary>Waiting to fire.</summary>
    public const string Pending = "pending";

    /// <summary>Fired.</summary>
    public const string Fired = "fired";

    /// <summary>Cancelled (its scope ended, or a new version replaced a timer start event).</summary>
    public const string Cancelled = "cancelled";
}
