using Orchestrator.Engine.Model;

namespace Orchestrator.Designer;

/// <summary>
/// One finding about what a designer is about to save or deploy: a BPMN problem of the server's validator (marked on
/// its element), a form that the form reader refuses, a scenario that cannot run or fails.
/// </summary>
/// <param name="ElementId">The BPMN element, or <c>-</c> for the whole file; for a form, <c>form:KEY</c>; for a scenario, <c>scenario:NAME</c>.</param>
/// <param name="Code">A stable code (the validator's, or <c>unknown-form</c>, <c>invalid-form</c>, <c>invalid-scenario</c>, <c>scenario-failed</c>, …).</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Severity"><c>error</c> (blocks the deploy) or <c>warning</c>.</param>
public sealed record DesignerProblem(string ElementId, string Code, string Message, string Severity)
{
    /// <summary>An error.</summary>
    public const string Error = "error";

    /// <summary>A warning.</summary>
    public const string Warning = "warning";

    /// <summary>Whether it blocks the deploy.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsError => Severity == Error;

    /// <summary>The designer's view of a validator problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The finding.</returns>
    public static DesignerProblem From(BpmnProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.ElementId, problem.Code, problem.Message, problem.Severity == ProblemSeverity.Error ? Error : Warning);
    }
}
