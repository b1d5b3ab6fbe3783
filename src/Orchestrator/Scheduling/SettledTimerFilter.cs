using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Scheduling;

/// <summary>
/// A Hangfire state filter of this host's own filter list: when a timer's firing job falls due and Hangfire is about to
/// move it from its schedule to its queue, and the timer is no longer pending (fired in-process by
/// <see cref="ImminentTimers"/>, fired elsewhere, or cancelled), the job is deleted instead — one state change in
/// Hangfire's storage where running it as a no-op would cost four (enqueue, fetch, processing, succeeded). One read of
/// the timer's row by its key; when that read fails (the database is away) the job goes to its queue as usual, and the
/// firing reads the row itself.
/// </summary>
internal sealed class SettledTimerFilter(IServiceScopeFactory scopes, ILogger<SettledTimerFilter> logger) : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not EnqueuedState || context.CurrentState != ScheduledState.StateName
            || context.BackgroundJob?.Job is not { Type: var type, Method.Name: nameof(HangfireWorkflowJobs.FireTimerAsync), Args: [string timerId, ..] }
            || type != typeof(HangfireWorkflowJobs))
        {
            return;
        }

        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var status = db.Timers.AsNoTracking().Where(t => t.Id == timerId).Select(t => t.Status).FirstOrDefault();
            if (status != TimerStatuses.Pending)
            {
                context.CandidateState = new DeletedState { Reason = "The timer was fired or cancelled before this firing fell due" };
            }
        }
#pragma warning disable CA1031 // Whatever stops the read, the firing itself reads the row and retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SchedulingLog.SettledCheckFailed(logger, e, timerId);
        }
    }
}
