namespace Orchestrator.Engine.Model;

/// <summary>How bad a <see cref="BpmnProblem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>The file cannot be deployed.</summary>
    Error,

    /// <summary>Deployable, but probably not what the designer meant.</summary>
    Warning,
}
