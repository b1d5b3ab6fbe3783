using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Stages emails as outbox rows in the caller's transaction, so an email exists exactly when the step that caused it
/// committed; the dispatcher sends them after the commit (and after a crash, from the rows).
/// </summary>
public sealed class EmailOutbox(TimeProvider time)
{
    /// <summary>The outbox row kind of emails.</summary>
    public const string EmailKind = "email";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Raised after a transaction that staged emails committed (the dispatcher listens).</summary>
    public event Action? Committed;

    /// <summary>Stages an email in the transaction of <paramref name="change"/>.</summary>
    /// <param name="change">The command's transaction.</param>
    /// <param name="email">The email.</param>
    /// <returns>The staged row.</returns>
    public OutboxRecord Enqueue(AppliedChange change, OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Enqueue(change.Db, email, change.AfterCommit);
    }

    /// <summary>Stages an email on <paramref name="db"/> (the caller saves and commits).</summary>
    /// <param name="db">The context, inside the caller's transaction.</param>
    /// <param name="email">The email.</param>
    /// <param name="afterCommit">Registers what to run after the commit (waking the dispatcher).</param>
    /// <returns>The staged row.</returns>
    public OutboxRecord Enqueue(OrchestratorDbContext db, OutgoingEmail email, Action<Action> afterCommit)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(afterCommit);
        var now = time.GetUtcNow();
        var c = email.Content;
        var payload = new OutboxEmailPayload(email.To, c.Subject, c.Html, c.Text, c.Key, c.Language, email.InstanceId, email.TaskId)
        {
            Attachments = email.Attachments.Count > 0 ? email.Attachments : null,
        };
        var row = new OutboxRecord
        {
            Id = Guid.NewGuid(),
            CreatedAt = now,
            Kind = EmailKind,
            Payload = JsonSerializer.Serialize(payload, Json),
            Status = OutboxStatuses.Pending,
            NextAttemptAt = now,
        };
        db.Outbox.Add(row);
        afterCommit(() => Committed?.Invoke());
        return row;
    }

    /// <summary>Wakes the dispatcher as a commit would (an admin's retry, rows written by other means).</summary>
    public void NotifyCommitted() => Committed?.Invoke();

    /// <summary>Reads an email row's payload.</summary>
    /// <param name="row">The row.</param>
    public static OutboxEmailPayload ReadPayload(OutboxRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonSerializer.Deserialize<OutboxEmailPayload>(row.Payload, Json) ?? throw new InvalidOperationException($"Outbox row {row.Id} has no payload.");
    }

    /// <summary>The email of a row, as the transports take it, with its attachments read from the case documents.</summary>
    /// <param name="db">Where the attached documents are read.</param>
    /// <param name="row">The row.</param>
    /// <param name="messageId">Its Message-ID (the row's own once it has one).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="EmailDeliveryException">An attached document no longer exists (kind <see cref="EmailFailureKind.MessageRejected"/>).</exception>
    public static async Task<OutboxEmail> ToEmailAsync(OrchestratorDbContext db, OutboxRecord row, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var payload = ReadPayload(row);
        var email = new OutboxEmail(row.Id, messageId, row.CreatedAt, payload.To, payload.Subject, payload.Text, payload.Html);
        if (payload.Attachments is not { Count: > 0 } attachments)
        {
            return email;
        }

        var files = new List<EmailAttachment>();
        foreach (var attachment in attachments)
        {
            var document = await db.CaseDocuments.AsNoTracking().Where(d => d.Id == attachment.DocumentId)
                .Select(d => new { d.MediaType, d.Content }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new EmailDeliveryException(EmailFailureKind.MessageRejected, $"The attached document {attachment.DocumentId} ({attachment.FileName}) no longer exists.");
            files.Add(new EmailAttachment(attachment.FileName, document.MediaType, document.Content));
        }

        return email with { Attachments = files };
    }
}
