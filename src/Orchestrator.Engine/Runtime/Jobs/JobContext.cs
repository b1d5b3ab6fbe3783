using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Runtime;

/// <summary>What a job handler sees: the job and the variables visible at its task.</summary>
public sealed class JobContext
{
    private readonly Func<JsonObject> _variables;
    private JsonObject? _copy;

    internal JobContext(JobInfo job, Func<JsonObject> variables, JsonObject? payload)
    {
        Job = job;
        _variables = variables;
        Payload = payload;
    }

    /// <summary>The job.</summary>
    public JobInfo Job { get; }

    /// <summary>A copy of the variables visible at the task (input mappings applied), made when first read.</summary>
    public JsonObject Variables => _copy ??= _variables();

    /// <summary>For send tasks: <c>template</c>, <c>to</c> and <c>language</c>, evaluated.</summary>
    public JsonObject? Payload { get; }
}
