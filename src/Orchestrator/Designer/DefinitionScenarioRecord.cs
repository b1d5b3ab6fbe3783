namespace Orchestrator.Designer;

/// <summary>
/// One scenario (the <c>simulate</c> format) stored with a deployed process version (table
/// <c>definition_scenarios</c>): what the designer proved the version with. Read back when the version is opened in
/// the designer.
/// </summary>
public sealed class DefinitionScenarioRecord
{
    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The process version.</summary>
    public int ProcessVersion { get; set; }

    /// <summary>The scenario's name (its file name without <c>.scenario.json</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The scenario, JSON.</summary>
    public string Content { get; set; } = "";
}
