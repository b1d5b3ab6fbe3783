using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Orchestrator.Workflows;

namespace Orchestrator.Scheduling;

/// <summary>
/// Hangfire under the engine's timers and jobs (a singleton; the host's <see cref="IWorkflowScheduler"/> when
/// <c>Scheduling:Scheduler</c> is <c>Hangfire</c>). One Hangfire job per firing: <see cref="HangfireWorkflowJobs.FireTimerAsync"/>
/// at a timer's due time, <see cref="HangfireWorkflowJobs.RunJobAsync"/> at a job's. Only timers due within two sweep
/// periods get a Hangfire job after their commit; later ones are scheduled by the reconciliation sweep when they come
/// within that window — so Hangfire's storage holds what falls due in the next minute or so, a start-up over 100,000
/// pending timers writes nothing, and a cancelled reminder days ahead leaves no job behind. A fired or cancelled timer's
/// job (if it has one) runs as a no-op. Hangfire keeps due times in whole seconds and may run a job up to a second
/// early: the job waits for the due time (<see cref="HangfireWorkflowJobs"/>).
/// </summary>
public sealed class HangfireWorkflowScheduler : IWorkflowScheduler
{
    /// <summary>The queue of the firings.</summary>
    public const string Queue = "default";

    private const int Page = 500;
    private readonly BackgroundJobClient _client;
    private readonly SchedulingOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the scheduler over <paramref name="storage"/>.</summary>
    /// <param name="storage">Hangfire's storage (this host's own: never <c>JobStorage.Current</c>).</param>
    /// <param name="filters">The job filters of this host's client and server.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">The service clock.</param>
    public HangfireWorkflowScheduler(JobStorage storage, IJobFilterProvider filters, SchedulingOptions options, TimeProvider time)
    {
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _client = new BackgroundJobClient(storage, filters);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Hangfire's storage.</summary>
    public JobStorage Storage { get; }

    /// <inheritdoc/>
    public TimeSpan? ScheduledAhead => 2 * _options.SweepInterval;

    /// <summary>Timers due before this get a job after their commit; later ones when the sweep comes to them.</summary>
    private DateTimeOffset Horizon => _time.GetUtcNow() + (2 * _options.SweepInterval);

    /// <inheritdoc/>
    public Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var horizon = Horizon;
        foreach (var timer in changes.TimersScheduled.Where(t => t.Due <= horizon))
        {
            ScheduleTimer(timer.Id, timer.Due);
        }

        foreach (var job in changes.JobsScheduled)
        {
            ScheduleJob(job.Id, job.Due);
        }

        // Removed timers keep their job, if they have one (it runs as a no-op): finding it would cost a read of
        // Hangfire's storage on every firing and every cancelled boundary timer.
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<PendingTimer>>([]);
        }

        var live = LiveJobs(nameof(HangfireWorkflowJobs.FireTimerAsync));
        return Task.FromResult<IReadOnlyList<PendingTimer>>([.. timers.Where(t => !live.ContainsKey(t.Id))]);
    }

    /// <inheritdoc/>
    public Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        foreach (var timer in timers)
        {
            ScheduleTimer(timer.Id, timer.Due);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timerIds);
        var live = LiveJobs(nameof(HangfireWorkflowJobs.FireTimerAsync));
        foreach (var id in timerIds)
        {
            foreach (var job in live.GetValueOrDefault(id) ?? [])
            {
                _client.Delete(job);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Schedules a firing of a timer at its due time (an overdue one runs at once).</summary>
    /// <param name="timerId">The timer.</param>
    /// <param name="due">Its due time.</param>
    public void ScheduleTimer(string timerId, DateTimeOffset due) =>
        _client.Schedule<HangfireWorkflowJobs>(j => j.FireTimerAsync(timerId, due.UtcTicks, CancellationToken.None), due);

    /// <summary>Schedules an attempt of an engine job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="due">Not before this.</param>
    public void ScheduleJob(string jobId, DateTimeOffset due) =>
        _client.Schedule<HangfireWorkflowJobs>(j => j.RunJobAsync(jobId, CancellationToken.None), due);

    /// <summary>Reads the storage (so that <c>/health</c> reflects a store that cannot be reached).</summary>
    public void ProbeStore() => Storage.GetMonitoringApi().ScheduledCount();

    /// <summary>
    /// The jobs of one method that can still run — scheduled, enqueued, fetched or processing — by their first argument
    /// (the timer or job id). Read through Hangfire's monitoring API, page by page; the sweep's window keeps it small.
    /// </summary>
    private Dictionary<string, List<string>> LiveJobs(string method)
    {
        var live = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var monitoring = Storage.GetMonitoringApi();
        void Add(string jobId, Job? job)
        {
            if (job is { Method.Name: var name, Args: [string id, ..] } && name == method)
            {
                if (!live.TryGetValue(id, out var jobs))
                {
                    live[id] = jobs = [];
                }

                jobs.Add(jobId);
            }
        }

        for (var from = 0; ; from += Page)
        {
            var page = monitoring.ScheduledJobs(from, Page);
            page.ForEach(j => Add(j.Key, j.Value?.Job));
            if (page.Count < Page)
            {
                break;
            }
        }

        for (var from = 0; ; from += Page)
        {
            var page = monitoring.EnqueuedJobs(Queue, from, Page);
            page.ForEach(j => Add(j.Key, j.Value?.Job));
            if (page.Count < Page)
            {
                break;
            }
        }

        for (var from = 0; ; from += Page)
        {
            var page = monitoring.FetchedJobs(Queue, from, Page);
            page.ForEach(j => Add(j.Key, j.Value?.Job));
            if (page.Count < Page)
            {
                break;
            }
        }

        for (var from = 0; ; from += Page)
        {
            var page = monitoring.ProcessingJobs(from, Page);
            page.ForEach(j => Add(j.Key, j.Value?.Job));
            if (page.Count < Page)
            {
                break;
            }
        }

        return live;
    }
}
