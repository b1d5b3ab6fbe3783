namespace Orchestrator.Cases;

/// <summary>An objective of the individual life plan (table <c>life_plan_objectives</c>).</summary>
public sealed class LifePlanObjective
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The programme (<see cref="LifePlanProgrammes"/>).</summary>
    public string Programme { get; set; } = "";

    /// <summary>The horizon (<see cref="LifePlanHorizons"/>).</summary>
    public string Horizon { get; set; } = "";

    /// <summary>The objective.</summary>
    public string Description { get; set; } = "";

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Its activities.</summary>
    public List<LifePlanActivity> Activities { get; set; } = [];
}
