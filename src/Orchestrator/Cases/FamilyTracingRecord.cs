namespace Orchestrator.Cases;

/// <summary>A step of family tracing (table <c>family_tracing_records</c>).</summary>
public sealed class FamilyTracingRecord
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Whether family was found.</summary>
    public bool FamilyFound { get; set; }

    /// <summary><c>mexico</c>, <c>country-of-origin</c> or <c>third-country</c> when found.</summary>
    public string? FamilyLocation { get; set; }

    /// <summary>Notes.</summary>
    public string? Notes { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
