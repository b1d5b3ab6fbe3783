namespace Orchestrator.Scheduling;

/// <summary>Settings of the timer and job scheduler (section <c>Scheduling</c>; every one has a working default).</summary>
public sealed class SchedulingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Scheduling";

    /// <summary>
    /// Which scheduler fires the rows: <c>Quartz</c> (the default while both exist) or <c>Hangfire</c>
    /// (<see cref="HangfireWorkflowScheduler"/>). The nodes of one cluster must agree.
    /// </summary>
    public string Scheduler { get; set; } = "Quartz";

    /// <summary>
    /// Hangfire: how often a node looks for scheduled jobs that fell due (its <c>SchedulePollingInterval</c>) and, on
    /// SQLite, for enqueued jobs (<c>QueuePollInterval</c>; PostgreSQL is woken by LISTEN/NOTIFY). One indexed query
    /// each per interval and node: this bounds the lateness of a firing.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Hangfire: how long a job fetched by a node that died stays invisible before another node takes it over (its
    /// <c>InvisibilityTimeout</c>; sliding on PostgreSQL, so a long job of a live node is not taken). A timer firing is
    /// sub-second: a dead node's firing is late by at most about this.
    /// </summary>
    public TimeSpan TakeOverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this node runs a scheduler at all (a node with <c>false</c> fires nothing; the default hook stays).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Timers and jobs fired at once (Quartz's thread pool; the work is database-bound). Unset: 8 on PostgreSQL, 2 on
    /// SQLite (one writer at a time: more threads only wait on each other's write lock).
    /// </summary>
    public int? ThreadCount { get; set; }

    /// <summary>How often a clustered node (PostgreSQL) checks in.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long past a missed check-in the other nodes wait before recovering a node's triggers.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an idle node waits before looking for due triggers again. A node is woken at once by triggers it
    /// schedules itself; this bounds how soon it sees triggers another node scheduled, or recovered from a dead one.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often one node of the cluster looks for jobs that are due and unleased (a dead node's expired leases, a lost trigger).</summary>
    public TimeSpan JobRecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the reconciliation sweep looks for pending timers and email-action expiries without a scheduled firing
    /// (<see cref="ScheduleReconciliation"/>). A timer whose firing was lost fires at most about this long (plus
    /// <see cref="ScheduleReconciliation.Settle"/>) after the database answers again. At most 30 s is what the service promises.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Triggers written per <c>ScheduleJobs</c> call when rescheduling at start-up.</summary>
    public int StartupBatchSize { get; set; } = 5000;

    /// <summary>The Quartz instance id (unique per node in a cluster); empty: machine, process and a random suffix.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The Quartz scheduler name: the nodes of one cluster share it (it is <c>sched_name</c> in Quartz's tables).</summary>
    public string SchedulerName { get; set; } = "Orchestrator";
}
