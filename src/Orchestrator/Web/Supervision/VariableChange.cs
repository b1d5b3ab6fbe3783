namespace Orchestrator.Web.Supervision;

/// <summary>A repair of one variable, shown for confirmation before it is saved.</summary>
/// <param name="Name">The variable.</param>
/// <param name="OldJson">Its value now, as JSON (<c>null</c> when it has none).</param>
/// <param name="NewJson">The value it will have, as JSON.</param>
/// <param name="Exists">Whether the instance has the variable already.</param>
public sealed record VariableChange(string Name, string? OldJson, string NewJson, bool Exists);
