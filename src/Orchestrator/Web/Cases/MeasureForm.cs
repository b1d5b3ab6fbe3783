namespace Orchestrator.Web.Cases;

/// <summary>A restitution measure as the case file's form posts it (the fields of <c>POST /api/cases/{id}/restitution-measures</c>).</summary>
public sealed class MeasureForm
{
    /// <summary>The right concerned.</summary>
    public string? RightConcerned { get; set; }

    /// <summary>The measure.</summary>
    public string? Text { get; set; }

    /// <summary>The responsible institution.</summary>
    public string? ResponsibleInstitution { get; set; }

    /// <summary>The responsible person.</summary>
    public string? ResponsiblePerson { get; set; }

    /// <summary>Start, <c>yyyy-MM-dd</c>.</summary>
    public string? StartDate { get; set; }

    /// <summary>Due date, <c>yyyy-MM-dd</c>.</summary>
    public string? DueDate { get; set; }

    /// <summary>Status.</summary>
    public string? Status { get; set; }
}
