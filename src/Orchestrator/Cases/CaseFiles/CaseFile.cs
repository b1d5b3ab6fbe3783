namespace Orchestrator.Cases.CaseFiles;

/// <summary>A case file as its page shows it: the file itself, where the child lives, its journeys and its documents.</summary>
/// <param name="Case">The case file with its plans, evaluations, tracing, opinions and events.</param>
/// <param name="PlacementName">The name of the facility or foster family of the current placement, if any.</param>
/// <param name="Journeys">Its journeys, open tasks, coming deadlines and timeline.</param>
/// <param name="Documents">Its uploads and letters, newest first.</param>
/// <param name="People">Display names of the people the file names by user id (creator, reference educator, recorders).</param>
public sealed record CaseFile(ChildCase Case, string? PlacementName, CaseJourneys Journeys, IReadOnlyList<CaseFileDocument> Documents, IReadOnlyDictionary<string, string> People)
{
    /// <summary>
    /// The dotted paths of the file's fields this reader may not see (<c>flags.traffickingVictim</c>): the case domain
    /// blanks them and the page shows "Información restringida" in their place. Empty until the case service marks
    /// sensitive fields.
    /// </summary>
    public IReadOnlyList<string> Restricted { get; init; } = [];

    /// <summary>Whether a field is restricted for this reader.</summary>
    /// <param name="path">The dotted path (<c>flags.traffickingVictim</c>).</param>
    /// <returns><c>true</c> when the page must not show it.</returns>
    public bool IsRestricted(string path) => Restricted.Contains(path, StringComparer.Ordinal);

    /// <summary>The display name of a user id the file holds, or the id itself.</summary>
    /// <param name="userId">The id.</param>
    /// <returns>The name.</returns>
    public string NameOf(string? userId) => userId is null ? "" : People.TryGetValue(userId, out var name) ? name : userId;
}
