namespace Orchestrator.Feel.Syntax;

/// <summary>One iteration context: <c>name in source</c> or <c>name in from..to</c>.</summary>
internal sealed record Iteration(string Name, Node Source, Node? RangeEnd);
