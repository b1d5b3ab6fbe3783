using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>A pending timer row, as the scheduler needs it.</summary>
/// <param name="Id">The timer id (what <see cref="WorkflowService.FireTimerAsync"/> takes).</param>
/// <param name="InstanceId">The instance; <c>null</c> for a timer start event.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Due">When it falls due.</param>
public sealed record PendingTimer(string Id, string? InstanceId, string ElementId, DateTimeOffset Due);

/// <summary>A job that falls due later (a retry back-off), as the scheduler needs it.</summary>
/// <param name="Id">The job id (what <see cref="WorkflowService.RunJobAsync"/> takes).</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Due">Not before this time.</param>
public sealed record PendingJob(string Id, string InstanceId, DateTimeOffset Due);

/// <summary>What one committed command changed in the schedule.</summary>
/// <param name="TimersScheduled">New pending timers.</param>
/// <param name="TimersRemoved">Timers fired or cancelled.</param>
/// <param name="JobsScheduled">Jobs that fall due later (immediate ones run right after the commit).</param>
public sealed record WorkflowScheduleChanges(IReadOnlyList<PendingTimer> TimersScheduled, IReadOnlyList<string> TimersRemoved, IReadOnlyList<PendingJob> JobsScheduled)
{
    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => TimersScheduled.Count == 0 && TimersRemoved.Count == 0 && JobsScheduled.Count == 0;
}

/// <summary>
/// The scheduler underneath the engine's timers, as the durable core and the reconciliation sweep see it (the host's
/// scheduler implements it; register yours as a singleton to replace the default no-op). Told after every commit which
/// timers and later jobs appeared or went; asked by the sweep which pending timers have no scheduled firing, and told to
/// schedule those. The timer rows stay the truth: a missed call is repaired by the sweep (<c>Scheduling/README.md</c>).
/// </summary>
public interface IWorkflowScheduler
{
    /// <summary>
    /// How far ahead of its due time a timer gets its firing after its commit; <c>null</c>: after its commit, whatever
    /// its due time. A scheduler that holds only the near future (Hangfire) leaves later timers to the reconciliation
    /// sweep, which schedules them as they come within this window — that is its normal work, not a repair.
    /// </summary>
    TimeSpan? ScheduledAhead { get; }

    /// <summary>Called after a commit that changed the schedule.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="timers"/> (pending rows), those that have no scheduled firing (none, or one that would never run).</summary>
    /// <param name="timers">Pending timer rows.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken);

    /// <summary>Schedules a firing of each timer at its due time (an overdue one fires at once), replacing any it had.</summary>
    /// <param name="timers">Pending timer rows.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken);

    /// <summary>Removes the scheduled firings of these timers, if they have any (an operator's repair, the tests' lost firing).</summary>
    /// <param name="timerIds">Timer ids.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken);
}

/// <summary>The default scheduler hook: does nothing (no timer has a firing, and none is made).</summary>
public sealed class NullWorkflowScheduler : IWorkflowScheduler
{
    /// <inheritdoc/>
    public TimeSpan? ScheduledAhead => null;

    /// <inheritdoc/>
    public Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken) => Task.FromResult(timers);

    /// <inheritdoc/>
    public Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Validates the data a task is completed with against the task's form (adapter over the form catalog).</summary>
public interface ITaskFormValidator
{
    /// <summary>Checks the data; returns the errors (empty when valid). Unknown form keys are the validator's call.</summary>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="data">The submitted variables.</param>
    /// <param name="taskVariables">
    /// What the task sees, i.e. what its form was opened with: read-only fields must keep these values, options
    /// and bounds may come from them, and hide conditions read them.
    /// </param>
    IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, JsonObject taskVariables);

    /// <summary>
    /// Checks the data against the form of the task's own process version (a task keeps the form it was created with,
    /// whatever is deployed later). By default the same as <see cref="Validate"/>.
    /// </summary>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="data">The submitted variables.</param>
    /// <param name="taskVariables">What the task sees (see <see cref="Validate"/>).</param>
    /// <param name="processId">The task's process id.</param>
    /// <param name="processVersion">The task's process version.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<IReadOnlyList<FormFieldError>> ValidateAsync(string formKey, JsonObject data, JsonObject taskVariables, string processId, int processVersion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Validate(formKey, data, taskVariables));
}

/// <summary>
/// What one engine command did to one instance, handed to every <see cref="IWorkflowEffects"/> inside the command's
/// transaction: rows an effect adds to <see cref="Db"/> commit (or roll back) with the engine's own rows.
/// </summary>
public sealed class AppliedChange
{
    private readonly List<Action> _afterCommit;

    internal AppliedChange(OrchestratorDbContext db, EngineResult result, Actor actor, DateTimeOffset now, List<Action> afterCommit)
    {
        Db = db;
        Result = result;
        Actor = actor;
        Now = now;
        _afterCommit = afterCommit;
    }

    /// <summary>The command's DbContext, inside its transaction; add rows, do not commit.</summary>
    public OrchestratorDbContext Db { get; }

    /// <summary>The engine's result (its <see cref="EngineResult.State"/> is the instance after the command).</summary>
    public EngineResult Result { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId => Result.State.Id;

    /// <summary>The process id.</summary>
    public string ProcessId => Result.State.ProcessId;

    /// <summary>The business key (the case reference in the care journeys).</summary>
    public string? BusinessKey => Result.State.BusinessKey;

    /// <summary>Who acted.</summary>
    public Actor Actor { get; }

    /// <summary>The command's clock reading.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Runs <paramref name="action"/> after the transaction committed (never when it rolled back), e.g. to wake a dispatcher.</summary>
    /// <param name="action">What to run; exceptions are logged, not thrown.</param>
    public void AfterCommit(Action action) => _afterCommit.Add(action ?? throw new ArgumentNullException(nameof(action)));
}

/// <summary>
/// Side effects that must be in the same transaction as the step that caused them: the email outbox, email-action
/// links, reminders. Every registered implementation (scoped or singleton) is called for every applied engine result.
/// An exception rolls the whole command back.
/// </summary>
public interface IWorkflowEffects
{
    /// <summary>Called inside the transaction, after the engine rows of one instance were staged.</summary>
    /// <param name="change">What changed.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken);
}

/// <summary>
/// A job handler whose completion writes rows of its own (an outbox email, a letter document, a case change) in the
/// transaction that records the job's completion, so that both commit or neither does. The attempt itself
/// (<see cref="IJobHandler.ExecuteAsync"/>) runs outside any transaction; what it prepared travels in
/// <see cref="JobCompleted.Attachment"/>.
/// </summary>
public interface ITransactionalJobHandler : IJobHandler
{
    /// <summary>Called inside the completion's transaction when the attempt returned <see cref="JobCompleted"/>.</summary>
    /// <param name="context">The job.</param>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="change">The transaction (its <see cref="AppliedChange.Result"/> is the completion's result).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken);
}
