using Orchestrator.Engine.Model;

namespace Orchestrator.Workflows;

/// <summary>A BPMN file to deploy is invalid (422 with the problems: element id, code, message).</summary>
public sealed class WorkflowValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public WorkflowValidationException(string message)
        : base(message) => Problems = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every error found (warnings are not included).</param>
    public WorkflowValidationException(IReadOnlyList<BpmnProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>The errors (file, element id, code, message).</summary>
    public IReadOnlyList<BpmnProblem> Problems { get; }

    private static string Describe(IReadOnlyList<BpmnProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0
            ? "The BPMN file is invalid."
            : $"The BPMN file is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): " + string.Join("; ", problems.Take(5).Select(p => $"{p.ElementId}: {p.Code}: {p.Message}"));
    }
}
