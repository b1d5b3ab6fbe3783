namespace Orchestrator.Designer;

/// <summary>
/// A designer's work in progress on one process (table <c>designer_drafts</c>): the BPMN being drawn, the forms edited
/// with it and the process's scenarios, shared by every designer. <see cref="Revision"/> is the optimistic-concurrency
/// token: a save names the revision it started from, and a save from an older copy is refused (409) instead of
/// overwriting someone else's work.
/// </summary>
public sealed class DesignerDraftRecord
{
    /// <summary>The process the draft is for (the draft's key; one draft per process).</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The deployed version the draft started from; <c>null</c> for a new diagram or a file opened from disk.</summary>
    public int? BaseVersion { get; set; }

    /// <summary>The BPMN XML.</summary>
    public string Xml { get; set; } = "";

    /// <summary>The forms edited in this draft, a JSON object of form key → form-js schema.</summary>
    public string Forms { get; set; } = "{}";

    /// <summary>The process's scenarios, a JSON object of name → scenario in the <c>simulate</c> format.</summary>
    public string Scenarios { get; set; } = "{}";

    /// <summary>Incremented by every save; the concurrency token.</summary>
    public int Revision { get; set; }

    /// <summary>Who started the draft (their user name, as people see it).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Who saved it last (their user name).</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When it was saved last.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
