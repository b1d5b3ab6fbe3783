namespace Orchestrator.Scheduling;

/// <summary>
/// The timers of this node that fall due within the next two sweep periods, fired in-process at their due time (a
/// singleton). Hangfire alone fires a job only after it has moved it from its schedule to its queue, fetched it and
/// marked it processing — four writes to its storage per firing, released by whole seconds — which at 100 timers a
/// second on a loaded machine built a backlog of seconds. So a timer whose Hangfire job is written
/// (<see cref="HangfireWorkflowScheduler"/>) is also armed here; this fires it when the service clock reaches its due
/// time, never before, and its Hangfire job — scheduled <see cref="HangfireWorkflowScheduler.BackstopDelay"/> after
/// the due time — is the durable backstop: when it falls due and the timer is no longer pending it is deleted without
/// running (<see cref="SettledTimerFilter"/>), and when this node died, was stopped or failed to fire, it fires the
/// timer. Nothing here is durable and nothing needs to be: the rows are the truth.
/// </summary>
public sealed class ImminentTimers(IServiceScopeFactory scopes, SchedulingOptions options, TimeProvider time, ILogger<ImminentTimers> logger) : IAsyncDisposable
{
    /// <summary>The longest single wait: the service clock is read again at least this often (a clock that jumps).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly PriorityQueue<string, DateTimeOffset> _queue = new();
    private readonly Dictionary<string, DateTimeOffset> _armed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HashSet<Task> _firing = [];
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    /// <summary>How many timers are armed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="timerId"/> is armed.</summary>
    /// <param name="timerId">The timer.</param>
    public bool IsArmed(string timerId)
    {
        lock (_lock)
        {
            return _armed.ContainsKey(timerId);
        }
    }

    /// <summary>The due time <paramref name="timerId"/> is armed for here, or <c>null</c> when it is not armed (or is firing now).</summary>
    /// <param name="timerId">The timer.</param>
    public DateTimeOffset? ArmedFor(string timerId)
    {
        lock (_lock)
        {
            return _armed.TryGetValue(timerId, out var due) ? due : null;
        }
    }

    /// <summary>Arms a timer: it fires here at <paramref name="due"/> (at once when overdue; overdue ones in due order).</summary>
    /// <param name="timerId">The timer.</param>
    /// <param name="due">Its due time.</param>
    public void Arm(string timerId, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(timerId);
        lock (_lock)
        {
            if (_armed.TryGetValue(timerId, out var armed) && armed == due)
            {
                return;
            }

            _armed[timerId] = due;
            _queue.Enqueue(timerId, due);
        }

        Wake();
    }

    /// <summary>Disarms a timer (fired or cancelled elsewhere, or its firing taken away): it does not fire here.</summary>
    /// <param name="timerId">The timer.</param>
    public void Disarm(string timerId)
    {
        lock (_lock)
        {
            // Its queue entry stays and is passed over when it comes first.
            _armed.Remove(timerId);
        }
    }

    /// <summary>Starts firing (the host's scheduler start-up).</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _loop = Task.Run(() => RunAsync(token), CancellationToken.None);
    }

    /// <summary>Stops firing and waits for the firings under way (a firing cut off rolls back: its backstop fires it).</summary>
    /// <param name="cancellationToken">The host's stop time.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] firing;
        lock (_lock)
        {
            firing = [.. _firing];
        }

        await Task.WhenAll([_loop, .. firing]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping?.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another caller woke the loop a moment ago.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, options.ThreadCount ?? 2));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (timerId, wait) = NextDue();
                if (timerId is null)
                {
                    // Wake at the next due time, when a timer is armed, or after MaxWait to read the clock again. A wait
                    // may end a little before the clock reaches the due time: NextDue only ever hands out a due timer.
                    await _wake.WaitAsync(wait, ct).ConfigureAwait(false);
                    continue;
                }

                await slots.WaitAsync(ct).ConfigureAwait(false);
                var firing = FireAsync(timerId, slots);
                lock (_lock)
                {
                    if (!firing.IsCompleted)
                    {
                        _firing.Add(firing);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        // The firings under way finish before the slots go.
        Task[] left;
        lock (_lock)
        {
            left = [.. _firing];
        }

        await Task.WhenAll(left).ConfigureAwait(false);
    }

    /// <summary>The first armed timer that is due now, or how long to wait for one.</summary>
    private (string? TimerId, TimeSpan Wait) NextDue()
    {
        lock (_lock)
        {
            while (_queue.TryPeek(out var timerId, out var due))
            {
                if (!_armed.TryGetValue(timerId, out var armed) || armed != due)
                {
                    _queue.Dequeue(); // disarmed, or armed again for another time (that entry is further on)
                    continue;
                }

                var early = due - time.GetUtcNow();
                if (early > TimeSpan.Zero)
                {
                    return (null, early < MaxWait ? early + TimeSpan.FromMilliseconds(1) : MaxWait);
                }

                _queue.Dequeue();
                _armed.Remove(timerId);
                return (timerId, TimeSpan.Zero);
            }

            return (null, MaxWait);
        }
    }

    private async Task FireAsync(string timerId, SemaphoreSlim slots)
    {
        try
        {
            // Off the loop's thread: the loop hands out the next due timer while this one fires.
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HangfireWorkflowJobs>().FireArmedAsync(timerId, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The firing logs its own failures; whatever else failed, the backstop fires the timer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SchedulingLog.TimerFailed(logger, e, timerId);
        }
        finally
        {
            slots.Release();
            lock (_lock)
            {
                _firing.RemoveWhere(t => t.IsCompleted);
            }
        }
    }
}
