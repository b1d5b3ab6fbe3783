namespace Orchestrator.Cases;

/// <summary>A fortnightly life-plan evaluation or an independence-plan review (table <c>life_plan_evaluations</c>).</summary>
public sealed class LifePlanEvaluation
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary><c>life-plan</c> or <c>independence-plan</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Progress, in the social worker's words.</summary>
    public string Progress { get; set; } = "";

    /// <summary>The child's opinion, recorded with every evaluation.</summary>
    public string? ChildOpinion { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset EvaluatedAt { get; set; }

    /// <summary>The instance whose step recorded it, if any.</summary>
    public string? InstanceId { get; set; }
}
