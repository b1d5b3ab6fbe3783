
namespace Orchestrator.Workflows;

/// <summary>An incident as the API shows it.</summary>
public sealed record IncidentView(string Id, string InstanceId, string ElementId, string Type, string Message, DateTimeOffset Created)
{
    /// <summary>The process id of the instance.</summary>
    public string? ProcessId { get; init; }
}
