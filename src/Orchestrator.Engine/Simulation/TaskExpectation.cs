namespace Orchestrator.Engine.Simulation;

/// <summary>An open user task that an <c>expect</c> step looks for; <c>null</c> properties are not checked.</summary>
public sealed record TaskExpectation
{
    /// <summary>The user task's element id.</summary>
    public required string Id { get; init; }

    /// <summary>The candidate groups, as a set.</summary>
    public IReadOnlyList<string>? CandidateGroups { get; init; }

    /// <summary>The candidate users, as a set.</summary>
    public IReadOnlyList<string>? CandidateUsers { get; init; }

    /// <summary>The assignee.</summary>
    public string? Assignee { get; init; }

    /// <summary>The due instant.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>The follow-up instant.</summary>
    public DateTimeOffset? FollowUp { get; init; }

    /// <summary>The priority.</summary>
    public int? Priority { get; init; }

    /// <summary>The form key.</summary>
    public string? FormKey { get; init; }
}
