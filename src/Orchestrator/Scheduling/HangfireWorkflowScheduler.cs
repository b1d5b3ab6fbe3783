using Hangfire;
using Hangfire.Common;
using Orchestrator.Workflows;

namespace Orchestrator.Scheduling;

/// <summary>
/// Hangfire under the engine's timers and jobs (a singleton; the host's <see cref="IWorkflowScheduler"/>). One Hangfire
/// job per firing: <see cref="HangfireWorkflowJobs.FireTimerAsync"/> for a timer, <see cref="HangfireWorkflowJobs.RunJobAsync"/>
/// at an engine job's due time. Only timers due within two sweep periods (<see cref="ScheduledAhead"/>) get a Hangfire
/// job after their commit; later ones are scheduled by the reconciliation sweep when they come within that window — so
/// Hangfire's storage holds what falls due in the next minute or so, a start-up over 100,000 pending timers writes
/// nothing, and a cancelled reminder days ahead leaves no job behind.
/// <para>
/// A timer whose job this node wrote after its commit — and on SQLite, where there is one node, every pending timer of
/// the window — is also armed in-process (<see cref="ImminentTimers"/>), which fires it at its due time; its Hangfire job
/// then waits <see cref="BackstopDelay"/> past the due time as the durable backstop, and is deleted without running
/// when it falls due after the timer fired (<see cref="SettledTimerFilter"/>). A timer the sweep schedules (brought into
/// the window, repaired, or stuck) is armed on the sweeping node the same way. Hangfire keeps
/// due times in whole seconds and may run a job up to a second early: the job waits for the due time
/// (<see cref="HangfireWorkflowJobs"/>).
/// </para>
/// </summary>
public sealed class HangfireWorkflowScheduler : IWorkflowScheduler
{
    /// <summary>The queue of the firings.</summary>
    public const string Queue = "default";

    /// <summary>
    /// How long after its due time the Hangfire job of an armed timer falls due: longer than an in-process firing takes
    /// on a loaded machine (so its job is deleted, not run), and the most a firing is late when the node that armed it
    /// died or stopped (plus Hangfire's polling).
    /// </summary>
    public static readonly TimeSpan BackstopDelay = TimeSpan.FromSeconds(5);

    private const int Page = 500;
    private readonly BackgroundJobClient _client;
    private readonly ImminentTimers _imminent;
    private readonly SchedulingOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _singleNode;

    /// <summary>Creates the scheduler over <paramref name="storage"/>.</summary>
    /// <param name="storage">Hangfire's storage (this host's own: never <c>JobStorage.Current</c>).</param>
    /// <param name="filters">The job filters of this host's client and server.</param>
    /// <param name="imminent">The in-process firing of the timers armed on this node.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">The service clock.</param>
    /// <param name="singleNode">Whether this node is the only one (SQLite): then every pending timer of the window is armed here.</param>
    public HangfireWorkflowScheduler(JobStorage storage, IJobFilterProvider filters, ImminentTimers imminent, SchedulingOptions options, TimeProvider time, bool singleNode)
    {
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _client = new BackgroundJobClient(storage, filters);
        _imminent = imminent ?? throw new ArgumentNullException(nameof(imminent));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _singleNode = singleNode;
    }

    /// <summary>Hangfire's storage.</summary>
    public JobStorage Storage { get; }

    /// <summary>This host's job client (the email-action expiries schedule their jobs through it too).</summary>
    public IBackgroundJobClient Client => _client;

    /// <inheritdoc/>
    public TimeSpan? ScheduledAhead => 2 * _options.SweepInterval;

    /// <summary>Timers due before this get a job after their commit; later ones when the sweep comes to them.</summary>
    public DateTimeOffset Horizon => _time.GetUtcNow() + (2 * _options.SweepInterval);

    /// <inheritdoc/>
    public Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);

        // A removed (fired, cancelled) timer is disarmed here; its Hangfire job, if it has one, is deleted by the state
        // filter when it falls due — finding it now would cost a read of Hangfire's storage on every firing.
        foreach (var id in changes.TimersRemoved)
        {
            _imminent.Disarm(id);
        }

        var horizon = Horizon;
        foreach (var timer in changes.TimersScheduled.Where(t => t.Due <= horizon))
        {
            ScheduleArmed(timer.Id, timer.Due);
        }

        foreach (var job in changes.JobsScheduled)
        {
            ScheduleJob(job.Id, job.Due);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Of <paramref name="timers"/> (pending rows of the sweep's window), those that have no Hangfire job that can still
    /// run. On a single node (SQLite) the others are armed in-process as well, so that after a restart the timers whose
    /// jobs survived in Hangfire's storage fire at their due time too, not at their backstop's.
    /// </summary>
    /// <param name="timers">Pending timer rows.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<PendingTimer>>([]);
        }

        var live = LiveJobs(typeof(HangfireWorkflowJobs), nameof(HangfireWorkflowJobs.FireTimerAsync));
        if (_singleNode)
        {
            foreach (var timer in timers.Where(t => live.ContainsKey(t.Id)))
            {
                _imminent.Arm(timer.Id, timer.Due);
            }
        }

        return Task.FromResult<IReadOnlyList<PendingTimer>>([.. timers.Where(t => !live.ContainsKey(t.Id))]);
    }

    /// <inheritdoc/>
    public bool HoldsFiring(PendingTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return _imminent.ArmedFor(timer.Id) is { } armed && armed <= timer.Due;
    }

    /// <inheritdoc/>
    public Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);

        // Armed on this node, the one sweeping (on PostgreSQL and SQL Server one node holds the sweep's lock per round):
        // a timer the sweep brings into the window fires here at its due time, and its Hangfire job backs it up
        // BackstopDelay later on whichever node is alive. Hangfire's client writes synchronously, one transaction per
        // job: a round's hundreds of writes run on a thread of their own, so they do not hold one of the thread pool's
        // few threads for up to a second (on 2 cores the in-process firings due meanwhile would wait for a free one).
        return Task.Factory.StartNew(
            () =>
            {
                foreach (var timer in timers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ScheduleArmed(timer.Id, timer.Due);
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <inheritdoc/>
    public Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timerIds);
        var live = LiveJobs(typeof(HangfireWorkflowJobs), nameof(HangfireWorkflowJobs.FireTimerAsync));
        foreach (var id in timerIds)
        {
            _imminent.Disarm(id);
            foreach (var job in live.GetValueOrDefault(id) ?? [])
            {
                _client.Delete(job);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes a timer's Hangfire job <see cref="BackstopDelay"/> past its due time (or past now, when overdue), then arms
    /// it in-process — in that order, so that an armed timer always has its durable backstop, and a timer whose job could
    /// not be written is left to the sweep (the exception propagates).
    /// </summary>
    /// <param name="timerId">The timer.</param>
    /// <param name="due">Its due time.</param>
    public void ScheduleArmed(string timerId, DateTimeOffset due)
    {
        var now = _time.GetUtcNow();
        ScheduleFiring(timerId, due, (due > now ? due : now) + BackstopDelay);
        _imminent.Arm(timerId, due);
    }

    /// <summary>Schedules a Hangfire firing of a timer due at <paramref name="due"/>, to run at <paramref name="at"/> (at once when past).</summary>
    /// <param name="timerId">The timer.</param>
    /// <param name="due">Its due time (the firing never acts before it).</param>
    /// <param name="at">When Hangfire runs the job.</param>
    public void ScheduleFiring(string timerId, DateTimeOffset due, DateTimeOffset at) =>
        _client.Schedule<HangfireWorkflowJobs>(j => j.FireTimerAsync(timerId, due.UtcTicks, CancellationToken.None), at);

    /// <summary>Schedules an attempt of an engine job.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="due">Not before this.</param>
    public void ScheduleJob(string jobId, DateTimeOffset due) =>
        _client.Schedule<HangfireWorkflowJobs>(j => j.RunJobAsync(jobId, CancellationToken.None), due);

    /// <summary>Reads the storage (so that <c>/health</c> reflects a store that cannot be reached).</summary>
    public void ProbeStore() => Storage.GetMonitoringApi().ScheduledCount();

    /// <summary>
    /// The jobs of one method that can still run — scheduled, enqueued, fetched or processing — by their first argument
    /// (the timer, job or link id), each with its Hangfire job ids. Read through Hangfire's monitoring API, page by page;
    /// the sweep's window keeps it small.
    /// </summary>
    /// <param name="type">The job's class.</param>
    /// <param name="method">The job's method.</param>
    public Dictionary<string, List<string>> LiveJobs(Type type, string method)
    {
        var live = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var monitoring = Storage.GetMonitoringApi();
        void Add(string jobId, Job? job)
        {
            if (job is { Type: var jobType, Method.Name: var name, Args: [string id, ..] } && name == method && jobType == type)
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
