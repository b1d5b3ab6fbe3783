namespace Orchestrator.Feel.Syntax;

/// <summary>The outcome of <see cref="Parser.Parse"/>.</summary>
internal sealed record ParsedTree(Node? Expression, UnaryTestList? Tests, bool UsesInput, FeelSyntaxError? Error);
