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

/// <summary>A life-plan objective as the case file's form posts it.</summary>
public sealed class ObjectiveForm
{
    /// <summary>The programme.</summary>
    public string? Programme { get; set; }

    /// <summary>The horizon.</summary>
    public string? Horizon { get; set; }

    /// <summary>The objective.</summary>
    public string? Description { get; set; }
}

/// <summary>A step of family tracing as the case file's form posts it.</summary>
public sealed class TracingForm
{
    /// <summary><c>yes</c> or <c>no</c>.</summary>
    public string? FamilyFound { get; set; }

    /// <summary>Where (required when found).</summary>
    public string? FamilyLocation { get; set; }

    /// <summary>Notes.</summary>
    public string? Notes { get; set; }
}

/// <summary>A document uploaded from the case file.</summary>
public sealed class DocumentForm
{
    /// <summary>The kind of document.</summary>
    public string? Category { get; set; }

    /// <summary>What it is.</summary>
    public string? Title { get; set; }

    /// <summary>The file.</summary>
    public IFormFile? File { get; set; }
}
