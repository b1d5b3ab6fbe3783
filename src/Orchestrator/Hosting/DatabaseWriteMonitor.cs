using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Persistence;

namespace Orchestrator.Hosting;

/// <summary>
/// Watches every write the service makes through EF Core (a <c>SaveChanges</c>, a commit) and remembers the last one
/// that failed because the database was unavailable or full (<see cref="DatabaseOutage"/>), until a write succeeds.
/// <c>/health</c> reads it, so a node whose writes fail says so even while connections still open (a full disk, a
/// server shutting down mid-commit). A singleton EF interceptor; it adds no statement to any command.
/// </summary>
internal sealed class DatabaseWriteMonitor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>How long a failed write keeps <c>/health</c> unhealthy when no write follows it (an idle node recovers by itself).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private WriteFailure? _failure;

    /// <summary>The last write that failed for an outage, if it is recent and no write has succeeded since.</summary>
    public WriteFailure? RecentFailure()
    {
        lock (_gate)
        {
            return _failure is { } failure && DateTimeOffset.UtcNow - failure.At <= Window ? failure : null;
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Succeeded();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Succeeded();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Exception);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Succeeded();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Succeeded();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Failed(eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Succeeded()
    {
        lock (_gate)
        {
            _failure = null;
        }
    }

    private void Failed(Exception exception)
    {
        if (DatabaseOutage.Classify(exception) is not { } kind)
        {
            return;
        }

        lock (_gate)
        {
            _failure = new WriteFailure(DateTimeOffset.UtcNow, kind);
        }
    }

    /// <summary>A write that failed for an outage.</summary>
    /// <param name="At">When.</param>
    /// <param name="Kind">Unavailable or full.</param>
    internal sealed record WriteFailure(DateTimeOffset At, DatabaseOutageKind Kind);
}
