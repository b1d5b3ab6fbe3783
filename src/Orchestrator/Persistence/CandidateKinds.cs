namespace Orchestrator.Persistence;

/// <summary>Candidate kinds.</summary>
public static class CandidateKinds
{
    /// <summary>A candidate group (a role).</summary>
    public const string Group = "group";

    /// <summary>A candidate user.</summary>
    public const string User = "user";
}
