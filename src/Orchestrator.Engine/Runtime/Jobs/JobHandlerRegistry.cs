namespace Orchestrator.Engine.Runtime;

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
