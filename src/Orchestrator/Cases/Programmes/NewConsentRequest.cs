namespace Orchestrator.Cases.Programmes;

/// <summary>A consent or assent as given (POST /api/cases/{id}/consents).</summary>
/// <param name="Subject">What it is about: <c>programme:palomas</c>, <c>programme:luna</c>, <c>programme:apartments</c>, <c>information-sharing</c>.</param>
/// <param name="GivenBy"><c>child</c> (assent), <c>guardian</c> or <c>ppnna</c> (consent).</param>
/// <param name="Given">Given (<c>true</c>) or refused/withdrawn (<c>false</c>).</param>
/// <param name="GivenOn">The date it was given (default: today).</param>
/// <param name="Notes">Notes.</param>
public sealed record NewConsentRequest(string? Subject, string? GivenBy, bool? Given, DateOnly? GivenOn, string? Notes);
