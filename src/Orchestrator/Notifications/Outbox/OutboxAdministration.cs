using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// What an administrator does with the outbox (scoped): list the emails by status, read one, download it as
/// <c>.eml</c>, retry a failed one, or dismiss it. Retrying and dismissing are recorded in the history (types
/// <see cref="RetriedType"/> and <see cref="DismissedType"/>) in the same transaction as the change. The API
/// (<c>/api/outbox</c>) and the supervision pages call these methods.
/// </summary>
public sealed class OutboxAdministration(
    OrchestratorDbContext db, EmailOutbox outbox, OutboxOptions options, EmailMessageFactory messages, IEmailSender sender, TimeProvider time)
{
    /// <summary>The history entry of a retry.</summary>
    public const string RetriedType = "EmailRetried";

    /// <summary>The history entry of a dismissal.</summary>
    public const string DismissedType = "EmailDismissed";

    /// <summary>The default page size of <see cref="ListAsync"/>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page of <see cref="ListAsync"/>.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Emails, newest first, optionally of one status.</summary>
    /// <param name="status"><c>pending</c>, <c>sent</c>, <c>failed</c>, <c>dismissed</c>, or <c>null</c> for all.</param>
    /// <param name="limit">At most this many (1 to <see cref="MaxLimit"/>; default <see cref="DefaultLimit"/>).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="ArgumentException">An unknown status or a limit out of range (the message names the parameter).</exception>
    public async Task<IReadOnlyList<OutboxItemView>> ListAsync(string? status, int? limit, CancellationToken cancellationToken)
    {
        if (status is not null && !OutboxStatuses.All.Contains(status))
        {
            throw new ArgumentException($"Query parameter 'status' must be one of {string.Join(", ", OutboxStatuses.All.Select(s => $"'{s}'"))} (was '{status}').", nameof(status));
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"Query parameter 'limit' must be between 1 and {MaxLimit} (was {limit}).", nameof(limit));
        }

        var rows = db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind);
        if (status is not null)
        {
            rows = rows.Where(o => o.Status == status);
        }

        var page = await rows.OrderByDescending(o => o.CreatedAt).Take(limit ?? DefaultLimit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. page.Select(o =>
        {
            var payload = TryReadPayload(o);
            return new OutboxItemView(o.Id, payload?.To ?? "", payload?.Subject ?? "", o.Status, o.Attempts, o.CreatedAt, o.SentAt, o.LastError);
        })];
    }

    /// <summary>How many emails each status holds (every status of <see cref="OutboxStatuses.All"/> present).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind).GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        return OutboxStatuses.All.ToDictionary(s => s, s => counts.GetValueOrDefault(s), StringComparer.Ordinal);
    }

    /// <summary>How many emails are failed and neither retried nor dismissed (what <c>/health</c> reports).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<int> CountFailedAsync(CancellationToken cancellationToken) =>
        db.Outbox.AsNoTracking().CountAsync(o => o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Failed, cancellationToken);

    /// <summary>One email in full (a working email-action link is shown redacted).</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such email.</exception>
    /// <exception cref="WorkflowConflictException">The row's payload is not an email.</exception>
    public async Task<OutboxEmailView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var p = ReadPayloadOrThrow(row);
        return new OutboxEmailView(
            row.Id, row.MessageId ?? options.MessageIdFor(row.Id), p.To, p.Subject, row.Status, row.Attempts, row.CreatedAt, row.NextAttemptAt,
            row.SentAt, row.LastError, p.Template, p.Language, p.InstanceId, p.TaskId, OutboxRedaction.Redact(p.Text), OutboxRedaction.Redact(p.Html))
        {
            Attachments = [.. (p.Attachments ?? []).Select(a => a.FileName)],
        };
    }

    /// <summary>
    /// One email as an RFC 5322 file: the file the <c>.eml</c> transport wrote when there is one, else the message
    /// built the same way. A message with an email-action link is always rebuilt with the link redacted: admins never
    /// get a live link.
    /// </summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such email.</exception>
    /// <exception cref="WorkflowConflictException">The row's payload is not an email, or an attached document is gone.</exception>
    public async Task<OutboxEmlFile> GetEmlAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var name = id.ToString("D") + ".eml";
        if (sender is EmlFileEmailSender files && File.Exists(files.FileFor(row.Id, row.CreatedAt)) && !OutboxRedaction.HasLiveLink(row.Payload))
        {
            return new OutboxEmlFile(name, await File.ReadAllBytesAsync(files.FileFor(row.Id, row.CreatedAt), cancellationToken).ConfigureAwait(false));
        }

        _ = ReadPayloadOrThrow(row);
        try
        {
            var email = await EmailOutbox.ToEmailAsync(db, row, row.MessageId ?? options.MessageIdFor(row.Id), cancellationToken).ConfigureAwait(false);
            email = email with { Subject = OutboxRedaction.Redact(email.Subject), Text = OutboxRedaction.Redact(email.Text), Html = OutboxRedaction.Redact(email.Html) };
            return new OutboxEmlFile(name, await messages.ToEmlAsync(email, cancellationToken).ConfigureAwait(false));
        }
        catch (EmailDeliveryException e)
        {
            throw new WorkflowConflictException($"Outbox email {id} cannot be written as a file: {e.Message}");
        }
    }

    /// <summary>Gives a failed email a fresh round of attempts (same Message-ID), and records who did it.</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such email.</exception>
    /// <exception cref="WorkflowConflictException">The email is not failed.</exception>
    public async Task RetryAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await ChangeFailedAsync(id, actor, RetriedType, rows => rows.ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OutboxStatuses.Pending)
            .SetProperty(o => o.Attempts, 0)
            .SetProperty(o => o.NextAttemptAt, now)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken), "retried", cancellationToken).ConfigureAwait(false);
        outbox.NotifyCommitted();
    }

    /// <summary>Gives up a failed email for good (it is kept, as <c>dismissed</c>), and records who did it.</summary>
    /// <param name="id">The outbox id.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such email.</exception>
    /// <exception cref="WorkflowConflictException">The email is not failed.</exception>
    public Task DismissAsync(Guid id, Actor actor, CancellationToken cancellationToken) =>
        ChangeFailedAsync(id, actor, DismissedType, rows => rows.ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OutboxStatuses.Dismissed)
            .SetProperty(o => o.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(o => o.LeaseOwner, (string?)null)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken), "dismissed", cancellationToken);

    private async Task ChangeFailedAsync(Guid id, Actor actor, string historyType, Func<IQueryable<OutboxRecord>, Task<int>> change, string verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var payload = TryReadPayload(row);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // The status is the condition: of two admins (or an admin and a page) acting at once, one changes the row.
            var updated = await change(db.Outbox.Where(o => o.Id == id && o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Failed)).ConfigureAwait(false);
            if (updated == 0)
            {
                var now = await FindAsync(id, cancellationToken).ConfigureAwait(false);
                throw new WorkflowConflictException($"Outbox email {id} is {now.Status}; only a failed email can be {verb}.");
            }

            db.History.Add(new HistoryRecord
            {
                InstanceId = payload?.InstanceId,
                At = time.GetUtcNow(),
                Type = historyType,
                ItemId = id.ToString("D"),
                UserId = ColumnText.Fit(actor.Id, OrchestratorModel.NameLength),
                Detail = new JsonObject { ["template"] = payload?.Template, ["attempts"] = row.Attempts, ["lastError"] = row.LastError }.ToJsonString(),
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<OutboxRecord> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.Kind == EmailOutbox.EmailKind, cancellationToken).ConfigureAwait(false)
        ?? throw new WorkflowNotFoundException($"Outbox email {id} does not exist.");

    private static OutboxEmailPayload? TryReadPayload(OutboxRecord row)
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

    private static OutboxEmailPayload ReadPayloadOrThrow(OutboxRecord row) =>
        TryReadPayload(row) ?? throw new WorkflowConflictException($"Outbox email {row.Id} has a payload that is not an email ({row.LastError ?? "unreadable JSON"}).");
}
