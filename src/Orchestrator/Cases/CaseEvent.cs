namespace Orchestrator.Cases;

/// <summary>Something that happened to a case (table <c>case_events</c>): phase changes, placements, a child leaving the shelter.</summary>
public sealed class CaseEvent
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The kind (<see cref="CaseEventTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The value before (a phase change's old phase, the previous placement).</summary>
    public string? From { get; set; }

    /// <summary>The value after.</summary>
    public string? To { get; set; }

    /// <summary>A reason or detail.</summary>
    public string? Detail { get; set; }

    /// <summary>The instance whose step recorded it, if any.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Who (a user id, or <c>system</c>).</summary>
    public string UserId { get; set; } = "";
}
