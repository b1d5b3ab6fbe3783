namespace Orchestrator.Engine.Simulation;

/// <summary>An open user task as an <c>expect</c> step sees it.</summary>
/// <param name="ElementId">The user task's element id.</param>
/// <param name="CandidateGroups">Candidate groups.</param>
/// <param name="CandidateUsers">Candidate users.</param>
/// <param name="Assignee">The assignee.</param>
/// <param name="Due">When it is due.</param>
/// <param name="FollowUp">When to follow it up.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="FormKey">Its form.</param>
public sealed record TaskSnapshot(
    string ElementId,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    string? Assignee,
    DateTimeOffset? Due,
    DateTimeOffset? FollowUp,
    int? Priority,
    string? FormKey);
