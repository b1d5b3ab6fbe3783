namespace Orchestrator.Cases;

/// <summary>An activity towards a life-plan objective (table <c>life_plan_activities</c>).</summary>
public sealed class LifePlanActivity
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The objective.</summary>
    public Guid ObjectiveId { get; set; }

    /// <summary>The activity.</summary>
    public string Description { get; set; } = "";

    /// <summary>Start of its time frame.</summary>
    public DateOnly? StartsOn { get; set; }

    /// <summary>End of its time frame.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>Status (<see cref="MeasureStatuses"/>).</summary>
    public string Status { get; set; } = MeasureStatuses.Planned;

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
