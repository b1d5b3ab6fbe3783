namespace Orchestrator.Cases.CaseFiles;

/// <summary>The body of <c>POST /api/cases/search</c>.</summary>
/// <param name="Text">A child's name (or part of it) or a case reference.</param>
public sealed record CaseSearchRequest(string? Text);
