using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>The outcome of <see cref="BpmnParser.Parse(string, string)"/>: the model (when the file could be read) and every problem found.</summary>
public sealed class BpmnParseResult
{
    internal BpmnParseResult(Definitions? definitions, IReadOnlyList<BpmnProblem> problems)
    {
        Definitions = definitions;
        Problems = problems;
    }

    /// <summary>
    /// The model. <c>null</c> only when the file could not be read as BPMN at all (not XML, a DTD, too
    /// large, too deep, wrong root). It is also built when there are element-level errors, so that the
    /// validator can report everything at once; only run it when <see cref="Succeeded"/>.
    /// </summary>
    public Definitions? Definitions { get; }

    /// <summary>Every problem the parser found (errors and warnings), in document order.</summary>
    public IReadOnlyList<BpmnProblem> Problems { get; }

    /// <summary>Whether the model exists and no problem is an <see cref="ProblemSeverity.Error"/>.</summary>
    public bool Succeeded => Definitions is not null && Problems.All(p => p.Severity != ProblemSeverity.Error);
}
