using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>
/// Writes the request's <c>Idempotency-Key</c> record in the transaction of the command it guards (once per
/// transaction, at its first engine change), so that the key is used exactly when the command's effect commits.
/// </summary>
internal sealed class IdempotencyEffect(IdempotencyScope current) : IWorkflowEffects
{
    public async Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await StageAsync(current, change.Db, change.Now, cancellationToken).ConfigureAwait(false))
        {
            change.AfterCommit(current.Committed);
        }
    }

    /// <summary>
    /// Adds the request's key record to <paramref name="db"/>, to be saved in the caller's transaction with the
    /// command's own rows (also for commands that write no engine change, such as a letter); the caller calls
    /// <see cref="IdempotencyScope.Committed"/> once that transaction committed.
    /// </summary>
    /// <param name="current">The request's key.</param>
    /// <param name="db">The command's context, inside its transaction.</param>
    /// <param name="now">The command's clock reading.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether a record was added (no key, or already added in this transaction: <c>false</c>).</returns>
    /// <exception cref="IdempotentRepeatException">Another request with this key committed first.</exception>
    public static async Task<bool> StageAsync(IdempotencyScope current, OrchestratorDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(db);
        if (current.Key is not { } key || current.Actor is not { } actor || current.Recorded)
        {
            return false;
        }

        var records = db.IdempotencyKeys;
        if (records.Local.Any(r => r.Key == key && r.Actor == actor))
        {
            return false;
        }

        // Read inside the transaction: a request with the same key that committed meanwhile wins. Two that race past this
        // read both insert; the database's key makes the later commit fail and retry, and the retry lands here.
        if (await records.AsNoTracking().AnyAsync(r => r.Key == key && r.Actor == actor, cancellationToken).ConfigureAwait(false))
        {
            throw new IdempotentRepeatException();
        }

        records.Add(new IdempotencyRecord
        {
            Key = key,
            Actor = actor,
            RequestHash = current.RequestHash!,
            ResponseStatus = IdempotencyFilter.AnswerPending,
            CreatedAt = now,
        });
        return true;
    }
}
