#pragma warning disable SA1402, SA1649 // a family of small records: what the journey supervision pages show.
namespace Orchestrator.Supervision;

/// <summary>A deployed journey (process) with its versions, as the supervision overview lists it.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Name">The process name of its latest version.</param>
/// <param name="Versions">Its versions, newest first.</param>
public sealed record JourneySummary(string ProcessId, string? Name, IReadOnlyList<JourneyVersionSummary> Versions)
{
    /// <summary>Running instances over every version.</summary>
    public int Running => Versions.Sum(v => v.Running);

    /// <summary>Open incidents over every version.</summary>
    public int Incidents => Versions.Sum(v => v.Incidents);

    /// <summary>The newest version.</summary>
    public int LatestVersion => Versions.Count == 0 ? 0 : Versions[0].Version;
}

/// <summary>One version of a journey.</summary>
/// <param name="Version">The version.</param>
/// <param name="DeployedAt">When it was deployed.</param>
/// <param name="Running">Its running (active) instances.</param>
/// <param name="Incidents">Open incidents of its instances.</param>
public sealed record JourneyVersionSummary(int Version, DateTimeOffset DeployedAt, int Running, int Incidents);

/// <summary>One version of a journey with where its running instances wait now (the heat map of the diagram).</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Name">The process name.</param>
/// <param name="Version">The version shown.</param>
/// <param name="Versions">Every version of the journey, newest first.</param>
/// <param name="Elements">The elements where instances of this version wait or failed, in diagram order.</param>
public sealed record JourneyOverview(string ProcessId, string? Name, int Version, IReadOnlyList<JourneyVersionSummary> Versions, IReadOnlyList<ElementActivity> Elements)
{
    /// <summary>Running instances of this version.</summary>
    public int Running => Versions.FirstOrDefault(v => v.Version == Version)?.Running ?? 0;
}

/// <summary>How many instances wait at one element now, and how many of them have an open incident there.</summary>
/// <param name="ElementId">The element id.</param>
/// <param name="Name">The element's name (its id when it has none).</param>
/// <param name="Kind">The BPMN element kind (<c>userTask</c>, <c>serviceTask</c>…).</param>
/// <param name="Waiting">Instances waiting there (an incident counts too: the instance stopped there).</param>
/// <param name="Incidents">Open incidents there.</param>
public sealed record ElementActivity(string ElementId, string Name, string Kind, int Waiting, int Incidents);

/// <summary>An instance waiting at an element.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="BusinessKey">Its case reference.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="HasIncident">Whether it has an open incident at that element.</param>
public sealed record WaitingInstance(string InstanceId, string? BusinessKey, DateTimeOffset StartedAt, bool HasIncident);

/// <summary>One page of the instances waiting at an element, oldest first.</summary>
/// <param name="Instances">The instances.</param>
/// <param name="Next">The cursor of the next page, or <c>null</c>.</param>
public sealed record WaitingInstancePage(IReadOnlyList<WaitingInstance> Instances, string? Next);

/// <summary>An instance found by its case reference.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="ProcessId">Its journey.</param>
/// <param name="Version">The version it runs.</param>
/// <param name="BusinessKey">The case reference.</param>
/// <param name="Status"><c>active</c>, <c>completed</c>, <c>cancelled</c> or <c>terminated</c>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="ParentId">The calling instance, for a called journey.</param>
public sealed record InstanceFound(string InstanceId, string ProcessId, int Version, string? BusinessKey, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? ParentId);

/// <summary>A pending timer of an instance.</summary>
/// <param name="Id">The timer id.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Name">The deadline in words, from the element names (<see cref="DeadlineNames"/>).</param>
/// <param name="DueAt">When it falls due.</param>
public sealed record PendingTimerView(string Id, string ElementId, string Name, DateTimeOffset DueAt);

/// <summary>The path an instance has taken so far, for shading its diagram.</summary>
/// <param name="CompletedElements">Elements that completed at least once.</param>
/// <param name="TakenFlows">Sequence flows taken, as <see cref="TakenFlows"/> derives them from the element events.</param>
public sealed record InstancePath(IReadOnlyList<string> CompletedElements, IReadOnlyList<string> TakenFlows);

/// <summary>An open incident with what a person needs to act on it.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="CaseReference">The case reference of its instance.</param>
/// <param name="Version">The journey version of its instance.</param>
/// <param name="ElementName">The failed element's name.</param>
/// <param name="JourneyName">The journey's name.</param>
public sealed record IncidentSummary(Workflows.IncidentView Incident, string? CaseReference, int Version, string ElementName, string JourneyName);
