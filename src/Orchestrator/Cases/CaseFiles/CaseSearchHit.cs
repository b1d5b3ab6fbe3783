namespace Orchestrator.Cases.CaseFiles;

/// <summary>A case a search found: its reference and the child's initials, never the name that was searched.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Reference">The reference (its file is <c>/cases/{reference}</c>).</param>
/// <param name="Initials">The child's initials.</param>
/// <param name="Phase">The phase.</param>
public sealed record CaseSearchHit(string Id, string Reference, string Initials, string Phase);
