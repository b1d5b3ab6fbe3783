namespace Orchestrator.Cases.Programmes;

/// <summary>A baby born to a mother in Palomas Home (POST /api/cases/{id}/babies).</summary>
/// <param name="GivenNames">Given names (may be empty).</param>
/// <param name="BirthDate">Date of birth.</param>
/// <param name="Sex"><c>female</c>, <c>male</c> or <c>other</c> (default).</param>
public sealed record NewBabyRequest(string? GivenNames, DateOnly? BirthDate, string? Sex);
