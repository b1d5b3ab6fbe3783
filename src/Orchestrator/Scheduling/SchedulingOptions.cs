namespace Orchestrator.Scheduling;

/// <summary>Settings of the timer and job scheduler (section <c>Scheduling</c>; every one has a working default).</summary>
public sealed class SchedulingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Scheduling";

    /// <summary>Whether this node runs a scheduler at all (a node with <c>false</c> fires nothing; the default hook stays).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often a node looks for Hangfire jobs that fell due (its <c>SchedulePollingInterval</c>) and, on SQLite and SQL
    /// Server, for enqueued ones (<c>QueuePollInterval</c>; PostgreSQL is woken by LISTEN/NOTIFY). One indexed query each
    /// per interval and node: this bounds the lateness of a firing that goes through Hangfire's queue.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a job fetched by a node that died stays invisible before another node takes it over (Hangfire's
    /// <c>InvisibilityTimeout</c>; sliding on PostgreSQL, so a long job of a live node is not taken). A timer firing is
    /// sub-second: a dead node's fetched firing is late by at most about this.
    /// </summary>
    public TimeSpan TakeOverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Firings at once: Hangfire's workers, and the timers fired in-process at their due time
    /// (<see cref="ImminentTimers"/>). Unset: 8 on PostgreSQL and SQL Server, 2 on SQLite (one writer at a time: more
    /// only wait on each other's write lock).
    /// </summary>
    public int? ThreadCount { get; set; }

    /// <summary>
    /// How often the reconciliation sweep looks for pending timers and email-action expiries without a scheduled firing
    /// (<see cref="ScheduleReconciliation"/>), and brings into Hangfire the timers due within two of these periods. A
    /// timer whose firing was lost fires at most about this long (plus <see cref="ScheduleReconciliation.Settle"/>) after
    /// the database answers again. At most 30 s is what the service promises.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Hangfire server name of this node (unique per node); empty: machine, process and a random suffix.</summary>
    public string? InstanceId { get; set; }
}
