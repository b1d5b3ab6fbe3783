namespace Orchestrator.Engine.Model;

/// <summary>
/// One variable mapping: <see cref="Target"/> receives the value of the FEEL expression <see cref="Source"/>.
/// </summary>
/// <param name="Target">The variable name written.</param>
/// <param name="Source">FEEL text evaluated in the scope the mapping reads from.</param>
public sealed record VariableMapping(string Target, string Source);
