using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Persistence;

namespace Orchestrator.Hosting;

/// <summary>
/// Records <see cref="OrchestratorMetrics"/> from what the workflow core commits, whoever commits it (API requests,
/// timers, jobs, messages): instances started and ended, user tasks completed (latency = end − creation), timers fired
/// (lateness = firing − due), incidents raised and resolved. The changes are read from EF Core's change tracker when
/// they are saved and counted only once their transaction commits (a rolled-back or conflicting command counts nothing).
/// </summary>
internal sealed class MetricsInterceptor(OrchestratorMetrics metrics) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _saving = [];
    private readonly ConditionalWeakTable<DbContext, List<Action>> _uncommitted = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(_saving, eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_saving, eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Emit(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Emit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(_uncommitted, eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData) => Forget(_uncommitted, eventData.Context);

    public Task TransactionFailedAsync(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var recordings = new List<Action>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case InstanceRecord instance:
                    if (entry.State == EntityState.Added)
                    {
                        recordings.Add(() => metrics.InstanceStarted(instance.ProcessId));
                    }

                    if (instance.Status is "completed" or "cancelled" or "terminated" && StatusChanged(entry, nameof(InstanceRecord.Status)))
                    {
                        var status = instance.Status;
                        recordings.Add(() => metrics.InstanceEnded(instance.ProcessId, status));
                    }

                    break;
                case TaskRecord task when task.Status == TaskStatuses.Completed && StatusChanged(entry, nameof(TaskRecord.Status)):
                    var latency = (task.EndedAt ?? DateTimeOffset.UtcNow) - task.CreatedAt;
                    recordings.Add(() => metrics.TaskCompleted(task.ProcessId, task.ElementId, latency));
                    break;
                case TimerRecord timer when timer.Status == TimerStatuses.Fired && StatusChanged(entry, nameof(TimerRecord.Status)):
                    var lateness = (timer.FiredAt ?? DateTimeOffset.UtcNow) - timer.DueAt;
                    recordings.Add(() => metrics.TimerFired(timer.ProcessId, lateness));
                    break;
                case IncidentRecord incident when entry.State == EntityState.Added:
                    recordings.Add(() => metrics.IncidentRaised(incident.ProcessId, incident.Type));
                    break;
                case IncidentRecord incident when incident.Status == IncidentStatuses.Resolved && StatusChanged(entry, nameof(IncidentRecord.Status)):
                    recordings.Add(() => metrics.IncidentResolved(incident.ProcessId));
                    break;
            }
        }

        _saving.AddOrUpdate(context, recordings);
    }

    private static bool StatusChanged(EntityEntry entry, string property) =>
        entry.State == EntityState.Added
        || !Equals(entry.Property(property).OriginalValue, entry.Property(property).CurrentValue);

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var recordings))
        {
            return;
        }

        _saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
        {
            recordings.ForEach(record => record());
            return;
        }

        _uncommitted.GetOrCreateValue(context).AddRange(recordings);
    }

    private void Emit(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var recordings))
        {
            _uncommitted.Remove(context);
            recordings.ForEach(record => record());
        }
    }

    private static void Forget(ConditionalWeakTable<DbContext, List<Action>> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }
}
