using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Simulation;

/// <summary>How a mocked service task answers.</summary>
public abstract record ServiceMock
{
    private ServiceMock()
    {
    }

    /// <summary>Completes with these variables.</summary>
    /// <param name="Variables">The output.</param>
    public sealed record Output(JsonObject Variables) : ServiceMock;

    /// <summary>Throws a BPMN error with this code.</summary>
    /// <param name="Code">The error code.</param>
    public sealed record BpmnError(string Code) : ServiceMock;

    /// <summary>Fails technically (retries, then an incident).</summary>
    /// <param name="Message">The failure message.</param>
    public sealed record Failure(string Message) : ServiceMock;
}
