namespace Orchestrator.Persistence;

/// <summary>A timer (table <c>timers</c>): the truth the scheduler fires from.</summary>
public sealed class TimerRecord
{
    /// <summary>The timer id (<c>{instanceId}:{n}</c>, or <c>start:{process}:{version}:{event}:{due ticks}</c> for timer start events).</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance; <c>null</c> for a timer start event.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The process version (for timer start events).</summary>
    public int ProcessVersion { get; set; }

    /// <summary>The timer event element id.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>When it falls due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Cycle repetitions after this one; -1 unbounded.</summary>
    public int Repetitions { get; set; }

    /// <summary>The cycle (timer start events).</summary>
    public string? Cycle { get; set; }

    /// <summary><c>pending</c>, <c>fired</c> or <c>cancelled</c>.</summary>
    public string Status { get; set; } = TimerStatuses.Pending;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it fired.</summary>
    public DateTimeOffset? FiredAt { get; set; }
}
