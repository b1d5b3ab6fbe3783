namespace Orchestrator.Forms;

/// <summary>A validation bound: a constant or a FEEL expression (<c>=minAge</c>) evaluated per submission.</summary>
/// <param name="Constant">The constant; null for an expression.</param>
/// <param name="Expression">The FEEL text without its leading <c>=</c>; null for a constant.</param>
internal sealed record RuleValue(decimal? Constant, string? Expression);
