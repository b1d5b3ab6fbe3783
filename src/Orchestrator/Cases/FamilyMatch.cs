namespace Orchestrator.Cases;

/// <summary>A suggested foster family for a child.</summary>
/// <param name="FamilyId">The family.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Name">Its name.</param>
/// <param name="PlacesLeft">Places left.</param>
/// <param name="SharedLanguages">Languages shared with the child.</param>
/// <param name="SameCulture">Whether the culture is the child's.</param>
/// <param name="Score">Higher is a better match (2 per shared language, 3 for the same culture).</param>
public sealed record FamilyMatch(string FamilyId, string Reference, string Name, int PlacesLeft, IReadOnlyList<string> SharedLanguages, bool SameCulture, int Score);
