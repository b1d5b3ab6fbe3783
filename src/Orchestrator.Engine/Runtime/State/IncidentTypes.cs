namespace Orchestrator.Engine.Runtime;

/// <summary>Incident kinds.</summary>
public static class IncidentTypes
{
    /// <summary>A job's retries ran out.</summary>
    public const string JobFailed = "job-failed";

    /// <summary>A BPMN error found no catching event.</summary>
    public const string UnhandledError = "unhandled-error";

    /// <summary>No outgoing flow's condition held and there is no default flow.</summary>
    public const string NoMatchingFlow = "no-matching-flow";

    /// <summary>An expression failed to evaluate or gave the wrong type.</summary>
    public const string ExpressionFailed = "expression-failed";

    /// <summary>The command ran more steps than the budget without reaching a wait state.</summary>
    public const string StepBudgetExceeded = "step-budget-exceeded";

    /// <summary>The instance a call activity started was cancelled from outside.</summary>
    public const string CalledInstanceCancelled = "called-instance-cancelled";

    /// <summary>A call activity's called process is not deployed.</summary>
    public const string CalledProcessNotFound = "called-process-not-found";
}
