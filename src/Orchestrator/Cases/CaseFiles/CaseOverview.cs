#pragma warning disable SA1402 // a family of small records: the case overview and the rows it lists.
namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The list of cases a person may see (everyone's for coordinators, data managers and admins; their caseload for other
/// staff), with each case's open and overdue tasks, and — for those who see every case — the caseload of each worker.
/// No names: the reference and the initials.
/// </summary>
/// <param name="Cases">The cases, by reference (at most <see cref="CaseOverviewService.MaxRows"/>).</param>
/// <param name="Truncated">Whether more cases matched than are listed.</param>
/// <param name="Workers">The caseload per worker over every open case; empty for those who see only their own caseload.</param>
/// <param name="Educators">The reference educators the filter offers (stored value and display name).</param>
/// <param name="Placements">The facilities and families children live in (id and name), for the filter.</param>
public sealed record CaseOverview(IReadOnlyList<CaseOverviewRow> Cases, bool Truncated, IReadOnlyList<WorkerCaseload> Workers,
    IReadOnlyList<KeyValuePair<string, string>> Educators, IReadOnlyList<KeyValuePair<string, string>> Placements);

/// <summary>One case of the list.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Reference">The reference.</param>
/// <param name="Initials">The child's initials ("M. L. A.").</param>
/// <param name="Phase">The phase.</param>
/// <param name="PhaseSince">Since when.</param>
/// <param name="PlacementType">The kind of placement.</param>
/// <param name="PlacementId">The facility or family.</param>
/// <param name="PlacementName">Its name.</param>
/// <param name="ReferenceEducator">The reference educator's display name.</param>
/// <param name="OpenTasks">Open tasks of the case's journeys.</param>
/// <param name="OverdueTasks">Of those, the ones past their due date.</param>
public sealed record CaseOverviewRow(string Id, string Reference, string Initials, string Phase, DateTimeOffset PhaseSince, string? PlacementType, string? PlacementId,
    string? PlacementName, string? ReferenceEducator, int OpenTasks, int OverdueTasks);

/// <summary>One worker's caseload over the open cases.</summary>
/// <param name="Name">The person's display name.</param>
/// <param name="ReferenceEducatorOf">Open cases they are the reference educator of.</param>
/// <param name="CasesWithTasks">Open cases with a task assigned to them.</param>
/// <param name="OpenTasks">Open tasks assigned to them (of case journeys).</param>
/// <param name="OverdueTasks">Of those, the ones past their due date.</param>
public sealed record WorkerCaseload(string Name, int ReferenceEducatorOf, int CasesWithTasks, int OpenTasks, int OverdueTasks);
