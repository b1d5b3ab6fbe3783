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

/// <summary>How a job attempt ended.</summary>
public abstract record JobOutcome
{
    /// <summary>Done, with output variables.</summary>
    /// <param name="variables">Output variables.</param>
    public static JobOutcome Complete(JsonObject? variables = null) => new JobCompleted(variables);

    /// <summary>Done, with output variables and what the host prepared for the completion's transaction.</summary>
    /// <param name="variables">Output variables.</param>
    /// <param name="attachment">Host data carried from the attempt to its completion (a rendered email, a PDF); the engine ignores it.</param>
    public static JobOutcome Complete(JsonObject? variables, object? attachment) => new JobCompleted(variables) { Attachment = attachment };

    /// <summary>A technical failure: retried with back-off, then an incident.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="backoff">The back-off before the next attempt; <c>null</c> for the default.</param>
    public static JobOutcome Fail(string message, TimeSpan? backoff = null) => new JobFailedOutcome(message, backoff);

    /// <summary>A BPMN error (a business outcome) caught by error boundary events or event sub-processes.</summary>
    /// <param name="errorCode">The code.</param>
    /// <param name="message">A message.</param>
    /// <param name="variables">Variables set where it is caught.</param>
    public static JobOutcome BpmnError(string errorCode, string? message = null, JsonObject? variables = null) => new JobBpmnError(errorCode, message, variables);
}

/// <summary>A completed job.</summary>
/// <param name="Variables">Output variables.</param>
public sealed record JobCompleted(JsonObject? Variables) : JobOutcome
{
    /// <summary>Host data carried from the attempt to its completion; the engine ignores it.</summary>
    public object? Attachment { get; init; }
}

/// <summary>A failed job attempt.</summary>
/// <param name="Message">What went wrong.</param>
/// <param name="Backoff">The back-off.</param>
public sealed record JobFailedOutcome(string Message, TimeSpan? Backoff) : JobOutcome;

/// <summary>A BPMN error.</summary>
/// <param name="ErrorCode">The code.</param>
/// <param name="Message">A message.</param>
/// <param name="Variables">Variables.</param>
public sealed record JobBpmnError(string ErrorCode, string? Message, JsonObject? Variables) : JobOutcome;

/// <summary>Runs the jobs of one type (a service task's <c>orc:type</c>, or the notification handler for send tasks).</summary>
public interface IJobHandler
{
    /// <summary>Runs one attempt. An exception counts as a technical failure.</summary>
    /// <param name="context">The job and its variables.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>The job handlers by type. The host registers its own; the in-memory runtime uses it to run jobs.</summary>
public sealed class JobHandlerRegistry
{
    /// <summary>The job type of send tasks that name no <c>orc:type</c>: the host's notification handler.</summary>
    public const string SendType = "send";

    private readonly Dictionary<string, IJobHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IJobHandler> _byElement = new(StringComparer.Ordinal);

    /// <summary>The handler for types nobody registered; <c>null</c> makes such jobs fail (then an incident).</summary>
    public IJobHandler? Fallback { get; set; }

    /// <summary>Registers (or replaces) the handler of a type.</summary>
    /// <param name="type">The job type.</param>
    /// <param name="handler">The handler.</param>
    public JobHandlerRegistry Register(string type, IJobHandler handler)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[type] = handler;
        return this;
    }

    /// <summary>Registers a synchronous handler.</summary>
    /// <param name="type">The job type.</param>
    /// <param name="handler">The handler.</param>
    public JobHandlerRegistry Register(string type, Func<JobContext, JobOutcome> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(type, new DelegateJobHandler(handler));
    }

    /// <summary>Registers the notification handler that send tasks without a type use.</summary>
    /// <param name="handler">The handler.</param>
    public JobHandlerRegistry RegisterSend(IJobHandler handler) => Register(SendType, handler);

    /// <summary>Registers a handler for the jobs of one element, whatever their type (simulation mocks); it wins over the type's handler.</summary>
    /// <param name="elementId">The service or send task id.</param>
    /// <param name="handler">The handler.</param>
    public JobHandlerRegistry RegisterForElement(string elementId, IJobHandler handler)
    {
        ArgumentNullException.ThrowIfNull(elementId);
        ArgumentNullException.ThrowIfNull(handler);
        _byElement[elementId] = handler;
        return this;
    }

    /// <summary>Registers a synchronous handler for the jobs of one element.</summary>
    /// <param name="elementId">The service or send task id.</param>
    /// <param name="handler">The handler.</param>
    public JobHandlerRegistry RegisterForElement(string elementId, Func<JobContext, JobOutcome> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RegisterForElement(elementId, new DelegateJobHandler(handler));
    }

    /// <summary>The handler of a type, else <see cref="Fallback"/>.</summary>
    /// <param name="type">The job type.</param>
    public IJobHandler? Find(string type) => _handlers.TryGetValue(type, out var h) ? h : Fallback;

    /// <summary>The handler of a job: its element's, else its type's, else <see cref="Fallback"/>.</summary>
    /// <param name="job">The job.</param>
    public IJobHandler? Find(JobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _byElement.Count > 0 && _byElement.TryGetValue(job.ElementId, out var h) ? h : Find(job.Type);
    }

    /// <summary>A handler that completes every job with no output.</summary>
    public static IJobHandler CompleteAll { get; } = new DelegateJobHandler(static _ => JobOutcome.Complete());

    private sealed class DelegateJobHandler(Func<JobContext, JobOutcome> handler) : IJobHandler
    {
        public ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken) => ValueTask.FromResult(handler(context));
    }
}
