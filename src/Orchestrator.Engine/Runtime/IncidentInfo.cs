namespace Orchestrator.Engine.Runtime;

/// <summary>An incident.</summary>
/// <param name="Id">The incident id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The element.</param>
/// <param name="Type">The kind (<see cref="IncidentTypes"/>).</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Created">When.</param>
public sealed record IncidentInfo(string Id, string InstanceId, string ElementId, string Type, string Message, DateTimeOffset Created);
