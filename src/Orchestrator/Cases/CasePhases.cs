namespace Orchestrator.Cases;

/// <summary>The phases of a child's journey (the <c>phase</c> input of <c>case.setPhase</c>).</summary>
public static class CasePhases
{
    /// <summary>Detected; to be referred within 24 h.</summary>
    public const string Detection = "detection";

    /// <summary>In a first reception CAS (at most 45 days).</summary>
    public const string FirstReception = "first-reception";

    /// <summary>Long-term care.</summary>
    public const string LongTermCare = "long-term-care";

    /// <summary>Assisted voluntary return under way.</summary>
    public const string Returning = "returning";

    /// <summary>In the residence (a child admitted through the open door: individual life plan, medical, psychological, academic and family support).</summary>
    public const string Residential = "residential";

    /// <summary>Transition to independent living.</summary>
    public const string Transition = "transition";

    /// <summary>Follow-up after leaving care.</summary>
    public const string AfterCare = "after-care";

    /// <summary>Closed.</summary>
    public const string Closed = "closed";

    /// <summary>Every phase.</summary>
    public static IReadOnlyList<string> All { get; } = [Detection, FirstReception, LongTermCare, Returning, Residential, Transition, AfterCare, Closed];
}
