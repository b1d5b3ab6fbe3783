namespace Orchestrator.Cases;

/// <summary>Why a foster family leaves the programme (the journeys' <c>family.setStatus</c> values that close it).</summary>
public static class FamilyClosureReasons
{
    /// <summary>The family did not go on (information session, training).</summary>
    public const string DroppedOut = "dropped-out";

    /// <summary>The evaluation found the family unsuitable.</summary>
    public const string Rejected = "rejected";

    /// <summary>The family withdrew.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The certificate of aptitude expired without renewal.</summary>
    public const string Expired = "expired";

    /// <summary>Every reason.</summary>
    public static IReadOnlyList<string> All { get; } = [DroppedOut, Rejected, Withdrawn, Expired];
}
