namespace Orchestrator.Persistence;

/// <summary>One deployed version of a process (table <c>process_definitions</c>).</summary>
public sealed class DefinitionRecord
{
    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The version (1, 2, …).</summary>
    public int Version { get; set; }

    /// <summary>The process name.</summary>
    public string? Name { get; set; }

    /// <summary>The file name it was deployed from.</summary>
    public string SourceName { get; set; } = "";

    /// <summary>The BPMN XML as deployed.</summary>
    public string Xml { get; set; } = "";

    /// <summary>SHA-256 of the XML (lower-case hex).</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>Who deployed it.</summary>
    public string DeployedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset DeployedAt { get; set; }
}
