namespace Orchestrator.Engine.Model;

/// <summary>
/// One problem found while parsing or validating a BPMN file. Printed by <c>validate</c> as
/// <c>FILE: ELEMENT_ID: CODE: message</c>, with <c>-</c> for file-level problems.
/// </summary>
/// <param name="File">The source name.</param>
/// <param name="ElementId">The element the problem is about, or <c>-</c>.</param>
/// <param name="Code">A stable, machine-readable code (for example <c>unsupported-element</c>).</param>
/// <param name="Message">What is wrong, in words a designer understands.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record BpmnProblem(string File, string ElementId, string Code, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    /// <summary>The element id used for problems that concern the whole file.</summary>
    public const string FileLevel = "-";

    /// <inheritdoc/>
    public override string ToString() => $"{File}: {ElementId}: {Code}: {Message}";
}
