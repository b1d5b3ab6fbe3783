namespace Orchestrator.Scheduling;

/// <summary>
/// Scheduled work other than the engine's timers that the reconciliation sweep (<see cref="ScheduleReconciliation"/>)
/// keeps scheduled: a feature whose rows are the truth for firings of its own (an email-action link's expiry) registers
/// one as a singleton, and the sweep calls it on every round.
/// </summary>
/// <param name="Kind">Its name in the sweep's log and the <c>kind</c> tag of <c>orchestrator.schedule.repairs</c>.</param>
/// <param name="RepairAsync">
/// Schedules every pending item due before the given instant that has no scheduled firing (an overdue one fires at
/// once) and returns how many it scheduled. It runs with the services of the sweep's scope; it must be idempotent
/// (another node, or the firing itself, may act at the same moment).
/// </param>
public sealed record ScheduleRepair(string Kind, Func<IServiceProvider, DateTimeOffset, CancellationToken, Task<int>> RepairAsync);
