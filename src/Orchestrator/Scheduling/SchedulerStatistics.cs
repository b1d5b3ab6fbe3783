namespace Orchestrator.Scheduling;

/// <summary>
/// What this node's scheduler did (a singleton): timers fired, firings that were no-ops (already fired or cancelled),
/// job attempts, and the last lateness samples. The metrics go to <see cref="Hosting.OrchestratorMetrics"/> when the host
/// registers it; these figures serve <c>/health</c>, the tests and the benchmark.
/// </summary>
public sealed class SchedulerStatistics
{
    private const int MaxSamples = 100_000;
    private readonly Lock _lock = new();
    private readonly Queue<TimeSpan> _lateness = new();
    private long _timersFired;
    private long _timerNoops;
    private long _jobsRun;
    private long _repairs;
    private long _broughtIntoWindow;
    private long _sweeps;
    private string? _lastSweepError;

    /// <summary>Timers this node fired (the engine acted).</summary>
    public long TimersFired => Interlocked.Read(ref _timersFired);

    /// <summary>Timer triggers that found the timer already fired, cancelled or gone.</summary>
    public long TimerNoops => Interlocked.Read(ref _timerNoops);

    /// <summary>Job attempts this node's triggers ran.</summary>
    public long JobsRun => Interlocked.Read(ref _jobsRun);

    /// <summary>Firings the reconciliation sweep on this node scheduled for pending work that had none.</summary>
    public long Repairs => Interlocked.Read(ref _repairs);

    /// <summary>Timers the sweep on this node scheduled as they came within the window of a scheduler that holds only the near future (not repairs).</summary>
    public long BroughtIntoWindowCount => Interlocked.Read(ref _broughtIntoWindow);

    /// <summary>Rounds of the reconciliation sweep this node finished.</summary>
    public long Sweeps => Interlocked.Read(ref _sweeps);

    /// <summary>When this node last finished a round of the sweep (the service's clock), if ever.</summary>
    public DateTimeOffset? LastSweepAt { get; private set; }

    /// <summary>Why the last round failed, or <c>null</c> when it succeeded.</summary>
    public string? LastSweepError => Volatile.Read(ref _lastSweepError);

    /// <summary>Whether start-up rescheduling has finished and the scheduler runs.</summary>
    public bool Started { get; internal set; }

    /// <summary>Timers (re)scheduled at start-up, and how long it took.</summary>
    public (int Timers, int Jobs, TimeSpan Elapsed) Startup { get; internal set; }

    /// <summary>The lateness of the last timers fired (at most 100,000), oldest first.</summary>
    public IReadOnlyList<TimeSpan> Lateness()
    {
        lock (_lock)
        {
            return [.. _lateness];
        }
    }

    internal void TimerFired(TimeSpan lateness)
    {
        Interlocked.Increment(ref _timersFired);
        lock (_lock)
        {
            if (_lateness.Count >= MaxSamples)
            {
                _lateness.Dequeue();
            }

            _lateness.Enqueue(lateness);
        }
    }

    internal void TimerNoop() => Interlocked.Increment(ref _timerNoops);

    internal void JobRun() => Interlocked.Increment(ref _jobsRun);

    internal void Repaired(int count) => Interlocked.Add(ref _repairs, count);

    internal void BroughtIntoWindow(int count) => Interlocked.Add(ref _broughtIntoWindow, count);

    internal void Swept(DateTimeOffset at)
    {
        LastSweepAt = at;
        Volatile.Write(ref _lastSweepError, null);
        Interlocked.Increment(ref _sweeps);
    }

    internal void SweepFailed(string reason) => Volatile.Write(ref _lastSweepError, reason);
}
