namespace Orchestrator.Cases;

/// <summary>The child's opinion at one decision (table <c>child_opinions</c>).</summary>
public sealed class ChildOpinion
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The decision (<c>referral</c>, <c>care-decision</c>, <c>placement</c>, <c>return</c>, <c>evaluation</c>, …).</summary>
    public string Decision { get; set; } = "";

    /// <summary>The opinion in the child's words (as recorded by staff).</summary>
    public string Opinion { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it (a user id, or <c>system</c> from a workflow step).</summary>
    public string RecordedBy { get; set; } = "";

    /// <summary>The instance whose step recorded it, if any.</summary>
    public string? InstanceId { get; set; }
}
