namespace Orchestrator.Cases;

/// <summary>Kinds of <see cref="LifePlanEvaluation"/> (the <c>kind</c> input of <c>case.recordEvaluation</c>).</summary>
public static class EvaluationKinds
{
    /// <summary>The fortnightly evaluation of the individual life plan.</summary>
    public const string LifePlan = "life-plan";

    /// <summary>A periodic review of the independence plan.</summary>
    public const string IndependencePlan = "independence-plan";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [LifePlan, IndependencePlan];
}
