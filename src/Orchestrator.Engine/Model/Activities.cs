namespace Orchestrator.Engine.Model;

/// <summary>A task, sub-process or call activity: something that does work and can carry boundary events and multi-instance.</summary>
public abstract class Activity : FlowNode
{
    /// <summary>Boundary events attached to this activity.</summary>
    public IReadOnlyList<BoundaryEvent> BoundaryEvents { get; internal set; } = [];

    /// <summary>Multi-instance characteristics; <c>null</c> for a single instance.</summary>
    public MultiInstance? MultiInstance { get; init; }

    /// <summary>
    /// The extension attributes of the element (<c>orc:*</c>, and the supported <c>camunda:*</c> ones under their
    /// <c>orc</c> name), by local name. Typed properties cover what the engine runs; this keeps the rest for the host.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// <c>multiInstanceLoopCharacteristics</c>: run the activity once per collection item, or a number of times,
/// in parallel or one after the other.
/// </summary>
public sealed record MultiInstance
{
    /// <summary><c>isSequential</c>.</summary>
    public bool IsSequential { get; init; }

    /// <summary><c>loopCardinality</c> as FEEL text; used when there is no <see cref="Collection"/>.</summary>
    public string? LoopCardinality { get; init; }

    /// <summary>The input collection as FEEL text (<c>orc:collection</c> / <c>camunda:collection</c>).</summary>
    public string? Collection { get; init; }

    /// <summary>The variable each instance sees its item as (<c>orc:elementVariable</c>).</summary>
    public string? ElementVariable { get; init; }

    /// <summary><c>completionCondition</c> as FEEL text; when true the remaining instances are cancelled.</summary>
    public string? CompletionCondition { get; init; }

    /// <summary>The variable that receives the list of results (<c>orc:outputCollection</c>).</summary>
    public string? OutputCollection { get; init; }

    /// <summary>FEEL text evaluated in each finished instance to give its result (<c>orc:outputElement</c>).</summary>
    public string? OutputElement { get; init; }
}

/// <summary>A <c>bpmn:task</c> or <c>bpmn:manualTask</c>: passes straight through.</summary>
public sealed class PassThroughTask : Activity
{
    /// <summary>The BPMN local name, <c>task</c> or <c>manualTask</c>.</summary>
    public required string ElementName { get; init; }

    /// <inheritdoc/>
    public override string Kind => ElementName;
}

/// <summary>
/// A task that can remind and escalate without drawn boundary events: <c>orc:reminder</c>, <c>orc:escalateAfter</c>
/// and <c>orc:escalateTo</c>. The runtime turns them into ordinary timers of the task that notify and never move a token.
/// </summary>
public interface IFollowedUpTask
{
    /// <summary><c>orc:reminder</c>: a duration (once) or a cycle (<c>R/P7D</c>, <c>R2/P1D</c>) from the task's creation, or FEEL giving one.</summary>
    ValueExpression? Reminder { get; }

    /// <summary><c>orc:escalateAfter</c>: a duration from the task's creation or a date-time, or FEEL giving one.</summary>
    ValueExpression? EscalateAfter { get; }

    /// <summary><c>orc:escalateTo</c>: the group the escalated task is offered to; <c>null</c> means <c>coordinator</c>.</summary>
    ValueExpression? EscalateTo { get; }
}

/// <summary>Whom the host emails when a user task is created (<c>orc:notify</c>).</summary>
public enum TaskNotify
{
    /// <summary>Nobody.</summary>
    None,

    /// <summary>The assignee.</summary>
    Assignee,

    /// <summary>The candidate users and the members of the candidate groups.</summary>
    Candidates,
}

/// <summary>A <c>bpmn:userTask</c>: work for a person, listed in an inbox until completed.</summary>
public sealed class UserTask : Activity, IFollowedUpTask
{
    /// <inheritdoc/>
    public ValueExpression? Reminder { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateAfter { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateTo { get; init; }

    /// <summary><c>orc:notify</c> as written (<c>assignee</c>, <c>candidates</c>, <c>none</c>); <c>null</c>: the assignee when there is one, else nobody.</summary>
    public string? Notify { get; init; }

    /// <summary><c>orc:language</c>: the outside recipient's language (literal or FEEL).</summary>
    public ValueExpression? Language { get; init; }

    /// <inheritdoc/>
    public override string Kind => "userTask";

    /// <summary>The user the task is assigned to.</summary>
    public ValueExpression? Assignee { get; init; }

    /// <summary>Comma-separated user ids, or FEEL giving a list.</summary>
    public ValueExpression? CandidateUsers { get; init; }

    /// <summary>Comma-separated group (role) names, or FEEL giving a list.</summary>
    public ValueExpression? CandidateGroups { get; init; }

    /// <summary>When the task is due: an ISO 8601 date-time or duration from creation, or FEEL.</summary>
    public ValueExpression? DueDate { get; init; }

    /// <summary>When someone should look at the task again; same forms as <see cref="DueDate"/>.</summary>
    public ValueExpression? FollowUpDate { get; init; }

    /// <summary>A priority number, or FEEL.</summary>
    public ValueExpression? Priority { get; init; }

    /// <summary>The form the task is completed with (a key of <c>workflows/forms/*.form</c>).</summary>
    public ValueExpression? FormKey { get; init; }

    /// <summary>FEEL giving the email address of an outside recipient who completes the task through a link.</summary>
    public ValueExpression? ExternalRecipient { get; init; }
}

/// <summary>A <c>bpmn:serviceTask</c> (or a <c>bpmn:businessRuleTask</c> run by a handler): calls the handler named by <see cref="Type"/>.</summary>
public sealed class ServiceTask : Activity
{
    /// <inheritdoc/>
    public override string Kind => "serviceTask";

    /// <summary><c>orc:type</c>: the handler's name in the host's registry.</summary>
    public string? Type { get; init; }

    /// <summary><c>orc:retries</c>: attempts before a technical failure becomes an incident.</summary>
    public int Retries { get; init; } = 3;
}

/// <summary>A <c>bpmn:sendTask</c>: sends a notification through the handler the host registers for it.</summary>
public sealed class SendTask : Activity
{
    /// <inheritdoc/>
    public override string Kind => "sendTask";

    /// <summary><c>orc:template</c>: the template key.</summary>
    public ValueExpression? Template { get; init; }

    /// <summary><c>orc:to</c>: recipients, FEEL giving an address or a list.</summary>
    public ValueExpression? To { get; init; }

    /// <summary><c>orc:language</c>: the recipient's language (<c>es</c> by default).</summary>
    public ValueExpression? Language { get; init; }

    /// <summary><c>orc:type</c>, when a handler other than the notification handler sends it.</summary>
    public string? Type { get; init; }

    /// <summary><c>orc:retries</c>.</summary>
    public int Retries { get; init; } = 3;
}

/// <summary>A <c>bpmn:receiveTask</c>: waits for a message.</summary>
public sealed class ReceiveTask : Activity, IFollowedUpTask
{
    /// <inheritdoc/>
    public ValueExpression? Reminder { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateAfter { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateTo { get; init; }

    /// <inheritdoc/>
    public override string Kind => "receiveTask";

    /// <summary>The message waited for; <c>null</c> when missing (a validation error).</summary>
    public MessageDeclaration? Message { get; init; }

    /// <summary>The correlation key expression (<c>orc:correlationKey</c>, else the message's).</summary>
    public ValueExpression? CorrelationKey { get; init; }
}

/// <summary>A <c>bpmn:scriptTask</c> whose script is FEEL.</summary>
public sealed class ScriptTask : Activity
{
    /// <inheritdoc/>
    public override string Kind => "scriptTask";

    /// <summary>The FEEL body (a leading <c>=</c> already removed).</summary>
    public required string Script { get; init; }

    /// <summary>The variable the result is written to; <c>null</c> discards it.</summary>
    public string? ResultVariable { get; init; }
}

/// <summary>Which version of the called process a call activity starts.</summary>
public enum CalledVersionBinding
{
    /// <summary>The latest deployed version at the moment of the call.</summary>
    Latest,

    /// <summary>The version in <see cref="CallActivity.CalledVersion"/>.</summary>
    Version,
}

/// <summary>A <c>bpmn:callActivity</c>: starts another process as a child instance and waits for it.</summary>
public sealed class CallActivity : Activity
{
    /// <inheritdoc/>
    public override string Kind => "callActivity";

    /// <summary>The called process id, literal or FEEL.</summary>
    public required ValueExpression CalledElement { get; init; }

    /// <summary>Latest or a pinned version.</summary>
    public CalledVersionBinding Binding { get; init; }

    /// <summary>The pinned version when <see cref="Binding"/> is <see cref="CalledVersionBinding.Version"/>.</summary>
    public int? CalledVersion { get; init; }

    /// <summary>Variables passed to the child (<c>camunda:in</c>); with <see cref="PassAllVariablesIn"/> everything is.</summary>
    public IReadOnlyList<VariableMapping> InMappings { get; init; } = [];

    /// <summary>Variables copied back from the child on completion (<c>camunda:out</c>).</summary>
    public IReadOnlyList<VariableMapping> OutMappings { get; init; } = [];

    /// <summary><c>camunda:in variables="all"</c>.</summary>
    public bool PassAllVariablesIn { get; init; }

    /// <summary><c>camunda:out variables="all"</c>.</summary>
    public bool PassAllVariablesOut { get; init; }
}

/// <summary>A <c>bpmn:subProcess</c>: embedded, or an event sub-process when <see cref="TriggeredByEvent"/>.</summary>
public sealed class SubProcess : Activity
{
    /// <inheritdoc/>
    public override string Kind => TriggeredByEvent ? "eventSubProcess" : "subProcess";

    /// <summary><c>triggeredByEvent</c>: the sub-process starts when its start event's trigger happens in the enclosing scope.</summary>
    public bool TriggeredByEvent { get; init; }

    /// <summary>The elements inside.</summary>
    public FlowScope Body { get; internal set; } = FlowScope.Empty;
}
