using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Supervision;

/// <summary>
/// The email outbox for administrators (scoped): the emails by status, one email with its headers and body (email-action
/// links redacted as <c>GET /api/outbox/{id}</c> redacts them: an admin never sees a live link), and the retry of a
/// failed one (a fresh round of attempts with the same Message-ID, audited as <c>EmailRetried</c>). It reads the rows
/// the notifications feature writes, with that feature's own payload reader and redaction.
/// </summary>
public sealed class OutboxAdministration(OrchestratorDbContext db, EmailOutbox outbox, OutboxOptions options, TimeProvider time)
{
    /// <summary>The statuses, in the order the page offers them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [OutboxStatuses.Failed, OutboxStatuses.Pending, OutboxStatuses.Sent];

    /// <summary>How many emails each status holds.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Count by status (every status present).</returns>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken ct)
    {
        var counts = await db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind).GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return Statuses.ToDictionary(s => s, s => counts.GetValueOrDefault(s), StringComparer.Ordinal);
    }

    /// <summary>The newest emails of a status (or of all), newest first.</summary>
    /// <param name="status"><c>pending</c>, <c>sent</c>, <c>failed</c>, or <c>null</c> for all.</param>
    /// <param name="limit">At most this many (1 to 1,000).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The emails (recipient and subject; no body).</returns>
    /// <exception cref="ArgumentException">An unknown status or a bad limit.</exception>
    public async Task<IReadOnlyList<OutboxItemView>> ListAsync(string? status, int limit, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"status: must be '{OutboxStatuses.Pending}', '{OutboxStatuses.Sent}' or '{OutboxStatuses.Failed}' (was '{status}').", nameof(status));
        }

        if (limit is < 1 or > 1000)
        {
            throw new ArgumentException($"limit: must be between 1 and 1000 (was {limit}).", nameof(limit));
        }

        var rows = db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind);
        if (status is not null)
        {
            rows = rows.Where(o => o.Status == status);
        }

        var page = await rows.OrderByDescending(o => o.CreatedAt).Take(limit).ToListAsync(ct).ConfigureAwait(false);
        return [.. page.Select(o =>
        {
            var payload = TryRead(o);
            return new OutboxItemView(o.Id, payload?.To ?? "", OutboxRedaction.Redact(payload?.Subject ?? ""), o.Status, o.Attempts, o.CreatedAt, o.SentAt, o.LastError);
        })];
    }

    /// <summary>One email in full, its links redacted.</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The email.</returns>
    /// <exception cref="WorkflowNotFoundException">No such email.</exception>
    /// <exception cref="WorkflowConflictException">Its payload is not an email.</exception>
    public async Task<OutboxEmailView> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await FindAsync(id, ct).ConfigureAwait(false);
        var p = TryRead(row) ?? throw new WorkflowConflictException($"Outbox email {row.Id} has a payload that is not an email ({row.LastError ?? "unreadable JSON"}).");
        return new OutboxEmailView(
            row.Id, row.MessageId ?? options.MessageIdFor(row.Id), p.To, OutboxRedaction.Redact(p.Subject), row.Status, row.Attempts, row.CreatedAt, row.NextAttemptAt,
            row.SentAt, row.LastError, p.Template, p.Language, p.InstanceId, p.TaskId, OutboxRedaction.Redact(p.Text), OutboxRedaction.Redact(p.Html));
    }

    /// <summary>Sends a failed email again: a fresh round of attempts, the same Message-ID. Audited.</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such email.</exception>
    /// <exception cref="WorkflowConflictException">It is not failed (only a failed email is retried).</exception>
    public async Task RetryAsync(Guid id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            var updated = await db.Outbox.Where(o => o.Id == id && o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Failed)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Status, OutboxStatuses.Pending)
                    .SetProperty(o => o.Attempts, 0)
                    .SetProperty(o => o.NextAttemptAt, now)
                    .SetProperty(o => o.LeaseOwner, (string?)null)
                    .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct)
                .ConfigureAwait(false);
            if (updated == 0)
            {
                var row = await FindAsync(id, ct).ConfigureAwait(false);
                throw new WorkflowConflictException($"Outbox email {id} is {row.Status}; only a failed email can be retried.");
            }

            db.History.Add(new HistoryRecord
            {
                At = now,
                Type = "EmailRetried",
                ItemId = id.ToString("D"),
                UserId = actor.Id.Length <= OrchestratorModel.NameLength ? actor.Id : actor.Id[..OrchestratorModel.NameLength],
                Detail = new JsonObject { ["outboxId"] = id.ToString("D") }.ToJsonString(),
            });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
        outbox.NotifyCommitted();
    }

    private async Task<OutboxRecord> FindAsync(Guid id, CancellationToken ct) =>
        await db.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.Kind == EmailOutbox.EmailKind, ct).ConfigureAwait(false)
        ?? throw new WorkflowNotFoundException($"Outbox email {id} does not exist.");

    private static OutboxEmailPayload? TryRead(OutboxRecord row)
    {
        try
        {
            return EmailOutbox.ReadPayload(row);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
