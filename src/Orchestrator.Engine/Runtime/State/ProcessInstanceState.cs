using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// The whole state of one process instance: one compact, versioned JSON document (see <see cref="ToJson"/>).
/// The engine mutates it in place while running a command; persist it after each command.
/// History is not part of it (it is emitted in <see cref="EngineResult.History"/>).
/// </summary>
public sealed class ProcessInstanceState
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version of the document.</summary>
    [JsonPropertyName("schema")]
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>The instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The process id of the definition it runs.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The deployed version it runs (instances stay on their version).</summary>
    public int Version { get; set; }

    /// <summary>The business key (for example a case number).</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Active, completed, cancelled or terminated.</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>When the instance started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it ended, if it has.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The last number handed out to an execution, task, timer, subscription, job or incident of this instance.</summary>
    public int Seq { get; set; }

    /// <summary>The calling instance when this instance was started by a call activity.</summary>
    public ParentLink? Parent { get; set; }

    /// <summary>The execution tree, flat: the process scope first, every other execution points at its parent.</summary>
    public List<ExecutionState> Executions { get; set; } = [];

    /// <summary>Open user tasks.</summary>
    public List<UserTaskState> Tasks { get; set; } = [];

    /// <summary>Pending timers (boundary, intermediate, event-based gateway targets, event sub-process starts).</summary>
    public List<TimerState> Timers { get; set; } = [];

    /// <summary>Open message subscriptions.</summary>
    public List<SubscriptionState> Subscriptions { get; set; } = [];

    /// <summary>Pending jobs (service and send task attempts).</summary>
    public List<JobState> Jobs { get; set; } = [];

    /// <summary>Open incidents.</summary>
    public List<IncidentState> Incidents { get; set; } = [];

    /// <summary>The process-level variables (the variables of the root execution); read them, change them only through commands.</summary>
    [JsonIgnore]
    public JsonObject Variables => (Executions.Count > 0 && Executions[0].Parent is null ? Executions[0].Vars : null) ?? [];

    /// <summary>The public id of a task, timer, subscription, job, incident or child of this instance.</summary>
    /// <param name="number">The number within the instance.</param>
    public string PublicId(int number) => string.Concat(Id, ":", number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The instance a task, timer, job, incident or subscription id (<see cref="PublicId"/>) belongs to, or
    /// <c>null</c> when the text is not such an id.
    /// </summary>
    /// <param name="itemId">The id.</param>
    public static string? InstanceIdOf(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        var i = itemId.LastIndexOf(':');
        return i > 0 ? itemId[..i] : null;
    }

    /// <summary>Serialises the state to its compact JSON document.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, StateJson.TypeInfo);

    /// <summary>Serialises the state to UTF-8 JSON bytes.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, StateJson.TypeInfo);

    /// <summary>Reads a state document written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="JsonException">The document is not a state or has an unknown schema version.</exception>
    public static ProcessInstanceState FromJson(string json)
    {
        var state = JsonSerializer.Deserialize(json, StateJson.TypeInfo) ?? throw new JsonException("The state document is null.");
        if (state.SchemaVersion != CurrentSchemaVersion)
        {
            throw new JsonException($"Unknown state schema version {state.SchemaVersion}; this build reads {CurrentSchemaVersion}.");
        }

        return state;
    }

    /// <summary>A deep copy (through JSON), for callers that must keep the state before a command.</summary>
    public ProcessInstanceState Clone() => FromJson(ToJson());
}
