using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>
/// The <c>Idempotency-Key</c> of the request being served (scoped: one per request), set by <see cref="IdempotencyFilter"/>
/// and written by <see cref="IdempotencyEffect"/> into the command's transaction.
/// </summary>
internal sealed class IdempotencyScope
{
    /// <summary>The key; <c>null</c> outside a request that carries one (scheduler jobs, requests without the header).</summary>
    public string? Key { get; private set; }

    /// <summary>The actor the key belongs to.</summary>
    public string? Actor { get; private set; }

    /// <summary>SHA-256 of the request.</summary>
    public string? RequestHash { get; private set; }

    /// <summary>Whether a command committed the record (its answer is still to be stored).</summary>
    public bool Recorded { get; private set; }

    /// <summary>Starts serving a request with a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="actor">The actor.</param>
    /// <param name="requestHash">The request's hash.</param>
    public void Begin(string key, string actor, string requestHash)
    {
        Key = key;
        Actor = actor;
        RequestHash = requestHash;
        Recorded = false;
    }

    /// <summary>Called once the command's transaction with the record committed.</summary>
    public void Committed() => Recorded = true;
}

/// <summary>Thrown inside a command's transaction when another request with the same key committed first: roll back, replay its answer.</summary>
internal sealed class IdempotentRepeatException : Exception
{
    public IdempotentRepeatException()
        : base("Another request with this Idempotency-Key was carried out first.")
    {
    }

    public IdempotentRepeatException(string message)
        : base(message)
    {
    }

    public IdempotentRepeatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

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

/// <summary>Registration of <c>Idempotency-Key</c> support.</summary>
internal static class IdempotencyServiceCollectionExtensions
{
    /// <summary>The per-request key, the effect that writes it in the command's transaction, and the hourly clean-up.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services)
    {
        services.AddScoped<IdempotencyScope>();
        services.AddScoped<IWorkflowEffects, IdempotencyEffect>();
        services.AddHostedService<IdempotencyCleanup>();
        return services;
    }
}
