namespace Orchestrator.Forms;

/// <summary>
/// One deployed version of a form (table <c>form_versions</c>): forms are versioned by key, a new version only when the
/// content changed. A process version records which form versions it was deployed with
/// (<see cref="DefinitionFormRecord"/>), so a task keeps the form of its own process version.
/// </summary>
public sealed class FormVersionRecord
{
    /// <summary>The form key (the schema's <c>id</c>, as user tasks name it in <c>orc:formKey</c>).</summary>
    public string FormKey { get; set; } = "";

    /// <summary>1, 2, … per key.</summary>
    public int Version { get; set; }

    /// <summary>The form-js schema, JSON.</summary>
    public string Schema { get; set; } = "";

    /// <summary>SHA-256 (hex) of <see cref="Schema"/>.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>Where it came from (a file name, or <c>designer</c>).</summary>
    public string SourceName { get; set; } = "";

    /// <summary>Who deployed it.</summary>
    public string DeployedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset DeployedAt { get; set; }
}
