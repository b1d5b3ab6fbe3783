using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Outbox;

/// <summary>One email to stage in the outbox.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Content">The rendered email.</param>
public sealed record OutgoingEmail(string To, RenderedEmail Content)
{
    /// <summary>The instance the email is about, if any.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The task the email is about, if any.</summary>
    public string? TaskId { get; init; }
}

/// <summary>An email as the outbox row's payload stores it.</summary>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="Text">The plain-text alternative.</param>
/// <param name="Template">The template key.</param>
/// <param name="Language">The language rendered.</param>
/// <param name="InstanceId">The instance it is about.</param>
/// <param name="TaskId">The task it is about.</param>
public sealed record OutboxEmailPayload(string To, string Subject, string Html, string Text, string Template, string Language, string? InstanceId, string? TaskId);

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
        var row = new OutboxRecord
        {
            Id = Guid.NewGuid(),
            CreatedAt = now,
            Kind = EmailKind,
            Payload = JsonSerializer.Serialize(new OutboxEmailPayload(email.To, c.Subject, c.Html, c.Text, c.Key, c.Language, email.InstanceId, email.TaskId), Json),
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

    /// <summary>The email of a row, as the transports take it.</summary>
    /// <param name="row">The row.</param>
    /// <param name="messageId">Its Message-ID (the row's own once it has one).</param>
    public static OutboxEmail ToEmail(OutboxRecord row, string messageId)
    {
        var payload = ReadPayload(row);
        return new OutboxEmail(row.Id, messageId, row.CreatedAt, payload.To, payload.Subject, payload.Text, payload.Html);
    }
}
