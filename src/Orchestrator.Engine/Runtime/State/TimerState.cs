using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>A pending timer.</summary>
public sealed class TimerState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution it belongs to (the activity for boundaries, the scope for event sub-process starts).</summary>
    public int Exec { get; set; }

    /// <summary>The timer event's element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>When it falls due.</summary>
    public DateTimeOffset Due { get; set; }

    /// <summary>Repetitions still to come after this one (cycles); -1 for unbounded.</summary>
    public int Repeat { get; set; }

    /// <summary>The cycle (ISO 8601 repeating interval, <c>R3/P2D</c>) when <see cref="Repeat"/> is not 0.</summary>
    public string? Cycle { get; set; }

    /// <summary>
    /// What the timer is for: a timer event (the default, and all a document written before reminders holds), or a
    /// task's <c>orc:reminder</c> or <c>orc:escalateAfter</c>, whose <see cref="Element"/> is then the task itself.
    /// </summary>
    public TimerPurpose Purpose { get; set; }

    /// <summary>For a reminder: which one it is (1 for the first).</summary>
    public int Occurrence { get; set; }

    /// <summary>For an escalation: the group the task is escalated to (<c>orc:escalateTo</c>, evaluated when the task was created).</summary>
    public string? Group { get; set; }
}
