namespace Orchestrator.Cases.Programmes;

/// <summary>An enrolment in a programme (POST /api/cases/{id}/programmes).</summary>
/// <param name="Programme"><c>palomas</c>, <c>luna</c> or <c>apartments</c> (required).</param>
/// <param name="CoordinatorEmail">The coordinator's address, for the journey's notices.</param>
public sealed record EnrolmentRequest(string? Programme, string? CoordinatorEmail);
