using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.Hosting;

/// <summary>
/// The service's one <see cref="Meter"/> (<c>Orchestrator</c>) and its instruments. Resolve it from DI (singleton) and
/// record where the thing happens; export with any OpenTelemetry/dotnet-counters listener
/// (<c>dotnet-counters monitor -n Orchestrator --counters Orchestrator</c>).
/// </summary>
public sealed class OrchestratorMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Orchestrator";

    private readonly Counter<long> _instancesStarted;
    private readonly Counter<long> _instancesCompleted;
    private readonly Counter<long> _tasksCompleted;
    private readonly Histogram<double> _taskCompletionLatency;
    private readonly Counter<long> _timersFired;
    private readonly Histogram<double> _timerLateness;
    private readonly Counter<long> _incidentsRaised;
    private readonly Counter<long> _incidentsResolved;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;
    private readonly Counter<long> _scheduleRepairs;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public OrchestratorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = Meter = meterFactory.Create(MeterName);
        _instancesStarted = meter.CreateCounter<long>("orchestrator.instances.started", "{instance}", "Process instances started.");
        _instancesCompleted = meter.CreateCounter<long>("orchestrator.instances.completed", "{instance}", "Process instances that ended (tag status: completed, cancelled, terminated).");
        _tasksCompleted = meter.CreateCounter<long>("orchestrator.tasks.completed", "{task}", "User tasks completed.");
        _taskCompletionLatency = meter.CreateHistogram<double>("orchestrator.tasks.completion_latency", "s", "Time from a user task's creation to its completion.");
        _timersFired = meter.CreateCounter<long>("orchestrator.timers.fired", "{timer}", "Timers fired.");
        _timerLateness = meter.CreateHistogram<double>("orchestrator.timers.lateness", "s", "How long after its due time a timer fired.");
        _incidentsRaised = meter.CreateCounter<long>("orchestrator.incidents.raised", "{incident}", "Incidents raised (failed work).");
        _incidentsResolved = meter.CreateCounter<long>("orchestrator.incidents.resolved", "{incident}", "Incidents resolved (retried successfully or cancelled).");
        _emailsSent = meter.CreateCounter<long>("orchestrator.emails.sent", "{email}", "Outbox emails delivered (tag transport: smtp, eml).");
        _emailsFailed = meter.CreateCounter<long>("orchestrator.emails.failed", "{email}", "Outbox emails given up after their last attempt (tag transport).");
        _scheduleRepairs = meter.CreateCounter<long>("orchestrator.schedule.repairs", "{firing}", "Pending work the reconciliation sweep found without a scheduled firing and scheduled (tag kind: timer, email-action-expiry).");
    }

    /// <summary>The meter (one per service instance; listeners can tell services in one process apart by it).</summary>
    public Meter Meter { get; }

    /// <summary>An instance started.</summary>
    /// <param name="processId">Its process id.</param>
    public void InstanceStarted(string processId) => _instancesStarted.Add(1, new KeyValuePair<string, object?>("process_id", processId));

    /// <summary>An instance ended.</summary>
    /// <param name="processId">Its process id.</param>
    /// <param name="status">completed, cancelled or terminated.</param>
    public void InstanceEnded(string processId, string status) =>
        _instancesCompleted.Add(1, new KeyValuePair<string, object?>("process_id", processId), new KeyValuePair<string, object?>("status", status));

    /// <summary>A user task was completed.</summary>
    /// <param name="processId">Its process id.</param>
    /// <param name="elementId">The task's element id.</param>
    /// <param name="latency">Time since the task was created.</param>
    public void TaskCompleted(string processId, string elementId, TimeSpan latency)
    {
        var tags = new TagList { { "process_id", processId }, { "element_id", elementId } };
        _tasksCompleted.Add(1, tags);
        _taskCompletionLatency.Record(Math.Max(0, latency.TotalSeconds), tags);
    }

    /// <summary>A timer fired.</summary>
    /// <param name="processId">Its process id.</param>
    /// <param name="lateness">Firing time minus due time (negative values count as 0).</param>
    public void TimerFired(string processId, TimeSpan lateness)
    {
        var tag = new KeyValuePair<string, object?>("process_id", processId);
        _timersFired.Add(1, tag);
        _timerLateness.Record(Math.Max(0, lateness.TotalSeconds), tag);
    }

    /// <summary>An incident was raised.</summary>
    /// <param name="processId">Its process id.</param>
    /// <param name="type">The incident type (for example <c>job-failed</c>).</param>
    public void IncidentRaised(string processId, string type) =>
        _incidentsRaised.Add(1, new KeyValuePair<string, object?>("process_id", processId), new KeyValuePair<string, object?>("type", type));

    /// <summary>An incident was resolved.</summary>
    /// <param name="processId">Its process id.</param>
    public void IncidentResolved(string processId) => _incidentsResolved.Add(1, new KeyValuePair<string, object?>("process_id", processId));

    /// <summary>An outbox email was delivered.</summary>
    /// <param name="transport"><c>smtp</c> or <c>eml</c>.</param>
    public void EmailSent(string transport) => _emailsSent.Add(1, new KeyValuePair<string, object?>("transport", transport));

    /// <summary>An outbox email was given up (status <c>failed</c>).</summary>
    /// <param name="transport"><c>smtp</c> or <c>eml</c>.</param>
    public void EmailFailed(string transport) => _emailsFailed.Add(1, new KeyValuePair<string, object?>("transport", transport));

    /// <summary>The reconciliation sweep found pending work without a scheduled firing and scheduled it.</summary>
    /// <param name="kind">What: <c>timer</c>, <c>email-action-expiry</c>.</param>
    /// <param name="count">How many.</param>
    public void ScheduleRepaired(string kind, int count) => _scheduleRepairs.Add(count, new KeyValuePair<string, object?>("kind", kind));
}
