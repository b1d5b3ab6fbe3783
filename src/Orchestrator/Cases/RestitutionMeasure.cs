namespace Orchestrator.Cases;

/// <summary>One measure of the PPNNA's rights protection and restitution plan (table <c>restitution_measures</c>).</summary>
public sealed class RestitutionMeasure
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The right concerned (<c>education</c>, <c>health</c>, <c>family life</c>, <c>identity</c>, …).</summary>
    public string RightConcerned { get; set; } = "";

    /// <summary>The measure.</summary>
    public string Measure { get; set; } = "";

    /// <summary>The responsible institution.</summary>
    public string ResponsibleInstitution { get; set; } = "";

    /// <summary>The responsible person.</summary>
    public string? ResponsiblePerson { get; set; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>Due date.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>Status (<see cref="MeasureStatuses"/>).</summary>
    public string Status { get; set; } = MeasureStatuses.Planned;

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
