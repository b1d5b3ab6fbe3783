using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Engine.Runtime;

/// <summary>The life-cycle status of a process instance.</summary>
public enum InstanceStatus
{
    /// <summary>Running or waiting.</summary>
    Active,

    /// <summary>Every token reached an end event.</summary>
    Completed,

    /// <summary>Cancelled by a command (or by the parent of a called instance).</summary>
    Cancelled,

    /// <summary>Ended by a terminate end event at process level.</summary>
    Terminated,
}

/// <summary>What an execution is doing now.</summary>
public enum ExecutionPhase
{
    /// <summary>About to execute its element (on the agenda; only seen after a step-budget stop).</summary>
    Enter,

    /// <summary>Its element is done; about to take the outgoing flows (on the agenda).</summary>
    Leave,

    /// <summary>Waiting for something outside: a task, a message, a timer, a job or a child instance.</summary>
    Wait,

    /// <summary>A scope with child executions: the process, a sub-process, an event sub-process or a multi-instance body.</summary>
    Scope,

    /// <summary>Arrived at a joining gateway and waiting for the other tokens.</summary>
    Join,

    /// <summary>Stopped by an incident; a retry continues it.</summary>
    Incident,
}

/// <summary>The multi-instance role of an execution.</summary>
public enum MultiInstanceRole
{
    /// <summary>Not part of a multi-instance activity.</summary>
    None,

    /// <summary>The body that owns the instances, the counters and the boundary events.</summary>
    Body,

    /// <summary>One instance of the activity.</summary>
    Inner,
}

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

/// <summary>The call activity in the parent instance that started this one.</summary>
public sealed class ParentLink
{
    /// <summary>The parent instance id.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The execution number of the call activity in the parent.</summary>
    public int Execution { get; set; }

    /// <summary>The call activity's element id.</summary>
    public string ElementId { get; set; } = "";
}

/// <summary>One execution: a token at an element, or a scope holding child executions and variables.</summary>
public sealed class ExecutionState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The parent execution (its scope); <c>null</c> for the process scope.</summary>
    public int? Parent { get; set; }

    /// <summary>The element it is at (the process id for the process scope).</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>What it is doing.</summary>
    public ExecutionPhase Phase { get; set; }

    /// <summary>The sequence flow it arrived by (used by joins).</summary>
    public string? Flow { get; set; }

    /// <summary>Local variables.</summary>
    public JsonObject? Vars { get; set; }

    /// <summary>Multi-instance role.</summary>
    public MultiInstanceRole Mi { get; set; }

    /// <summary>Multi-instance bookkeeping of a body.</summary>
    public LoopState? Loop { get; set; }

    /// <summary>The called child instance of a call activity.</summary>
    public string? Child { get; set; }

    /// <summary>Set when the execution was removed during the current command (never serialised).</summary>
    [JsonIgnore]
    internal bool Removed { get; set; }
}

/// <summary>Multi-instance bookkeeping kept on the body.</summary>
public sealed class LoopState
{
    /// <summary>The input collection (kept for sequential instances).</summary>
    public JsonArray? Items { get; set; }

    /// <summary>The output collection being filled, by instance.</summary>
    public JsonArray? Out { get; set; }
}

/// <summary>An open user task.</summary>
public sealed class UserTaskState
{
    /// <summary>The number within the instance (public id: <see cref="ProcessInstanceState.PublicId"/>).</summary>
    public int Id { get; set; }

    /// <summary>The execution waiting for it.</summary>
    public int Exec { get; set; }

    /// <summary>The user task element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The assignee.</summary>
    public string? Assignee { get; set; }

    /// <summary>Candidate users.</summary>
    public List<string> CandidateUsers { get; set; } = [];

    /// <summary>Candidate groups.</summary>
    public List<string> CandidateGroups { get; set; } = [];

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Follow-up date.</summary>
    public DateTimeOffset? FollowUp { get; set; }

    /// <summary>Priority (the engine gives Camunda's default, 50, when the element names none).</summary>
    public int Priority { get; set; }

    /// <summary>Form key.</summary>
    public string? FormKey { get; set; }

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? External { get; set; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>Whom the host emails about the task (<c>orc:notify</c>, resolved at creation); absent in documents written before it existed.</summary>
    public Model.TaskNotify Notify { get; set; }

    /// <summary>The outside recipient's language (<c>orc:language</c>, evaluated at creation).</summary>
    public string? Language { get; set; }
}

/// <summary>A pending timer.</summary>
public sealed class TimerState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution it belongs to (the activity for boundaries, the scope for event sub-process starts).</summary>
    public int Exec { get; set; }

    /// <summary>The timer event's element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>When it falls due.</summary>
    public DateTimeOffset Due { get; set; }

    /// <summary>Repetitions still to come after this one (cycles); -1 for unbounded.</summary>
    public int Repeat { get; set; }

    /// <summary>The cycle (ISO 8601 repeating interval, <c>R3/P2D</c>) when <see cref="Repeat"/> is not 0.</summary>
    public string? Cycle { get; set; }

    /// <summary>
    /// What the timer is for: a timer event (the default, and all a document written before reminders holds), or a
    /// task's <c>orc:reminder</c> or <c>orc:escalateAfter</c>, whose <see cref="Element"/> is then the task itself.
    /// </summary>
    public TimerPurpose Purpose { get; set; }

    /// <summary>For a reminder: which one it is (1 for the first).</summary>
    public int Occurrence { get; set; }

    /// <summary>For an escalation: the group the task is escalated to (<c>orc:escalateTo</c>, evaluated when the task was created).</summary>
    public string? Group { get; set; }
}

/// <summary>What a timer is for.</summary>
public enum TimerPurpose
{
    /// <summary>A timer event (start, intermediate, boundary, event sub-process start): firing moves a token.</summary>
    Event,

    /// <summary>A task's <c>orc:reminder</c>: firing sends a reminder notification; nothing moves.</summary>
    Reminder,

    /// <summary>A task's <c>orc:escalateAfter</c>: firing escalates the task (notification, group added); nothing moves.</summary>
    Escalation,
}

/// <summary>An open message subscription.</summary>
public sealed class SubscriptionState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution it belongs to.</summary>
    public int Exec { get; set; }

    /// <summary>The catching element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The message name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The correlation key, if any.</summary>
    public string? Key { get; set; }
}

/// <summary>A pending job: one attempt of a service or send task.</summary>
public sealed class JobState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution waiting for it.</summary>
    public int Exec { get; set; }

    /// <summary>The task element id.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The handler type.</summary>
    public string Type { get; set; } = "";

    /// <summary>Attempts left, this one included.</summary>
    public int Retries { get; set; }

    /// <summary>Not before this time (back-off after a failure).</summary>
    public DateTimeOffset? Due { get; set; }
}

/// <summary>An open incident.</summary>
public sealed class IncidentState
{
    /// <summary>The number within the instance.</summary>
    public int Id { get; set; }

    /// <summary>The execution stopped by it.</summary>
    public int Exec { get; set; }

    /// <summary>The element.</summary>
    [JsonPropertyName("el")]
    public string Element { get; set; } = "";

    /// <summary>The kind (see <see cref="IncidentTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>What went wrong.</summary>
    public string Message { get; set; } = "";

    /// <summary>When it was raised.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>What a retry does: re-enter the element (<c>enter</c>), complete it again (<c>complete</c>), re-take its flows (<c>leave</c>), a new job (<c>job</c>), or resume every stopped token (<c>budget</c>).</summary>
    public string Resume { get; set; } = "";
}

/// <summary>Incident kinds.</summary>
public static class IncidentTypes
{
    /// <summary>A job's retries ran out.</summary>
    public const string JobFailed = "job-failed";

    /// <summary>A BPMN error found no catching event.</summary>
    public const string UnhandledError = "unhandled-error";

    /// <summary>No outgoing flow's condition held and there is no default flow.</summary>
    public const string NoMatchingFlow = "no-matching-flow";

    /// <summary>An expression failed to evaluate or gave the wrong type.</summary>
    public const string ExpressionFailed = "expression-failed";

    /// <summary>The command ran more steps than the budget without reaching a wait state.</summary>
    public const string StepBudgetExceeded = "step-budget-exceeded";

    /// <summary>The instance a call activity started was cancelled from outside.</summary>
    public const string CalledInstanceCancelled = "called-instance-cancelled";

    /// <summary>A call activity's called process is not deployed.</summary>
    public const string CalledProcessNotFound = "called-process-not-found";
}

/// <summary>The JSON settings of the state document: camelCase, enums as camelCase strings, defaults and empty lists left out.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static readonly JsonTypeInfo<ProcessInstanceState> TypeInfo =
        (JsonTypeInfo<ProcessInstanceState>)Options.GetTypeInfo(typeof(ProcessInstanceState));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(StateJsonContext.Default.Options)
        {
            TypeInfoResolver = StateJsonContext.Default.WithAddedModifier(static info =>
            {
                foreach (var property in info.Properties)
                {
                    if (typeof(System.Collections.ICollection).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(JsonObject) && property.PropertyType != typeof(JsonArray))
                    {
                        property.ShouldSerialize = static (_, value) => value is System.Collections.ICollection { Count: > 0 };
                    }
                }
            }),
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProcessInstanceState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
