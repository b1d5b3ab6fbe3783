namespace Orchestrator.Forms;

/// <summary>
/// Which version of a form a process version was deployed with (table <c>definition_forms</c>): the form its tasks are
/// shown and checked with, for as long as they are open, whatever is deployed later.
/// </summary>
public sealed class DefinitionFormRecord
{
    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The process version.</summary>
    public int ProcessVersion { get; set; }

    /// <summary>The form key.</summary>
    public string FormKey { get; set; } = "";

    /// <summary>The form's version (<see cref="FormVersionRecord.Version"/>).</summary>
    public int FormVersion { get; set; }
}
