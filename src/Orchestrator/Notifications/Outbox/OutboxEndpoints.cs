using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Api;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Outbox;

/// <summary>An outbox email in the admin list.</summary>
/// <param name="Id">The outbox id.</param>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Status"><c>pending</c>, <c>sent</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="CreatedAt">When it was staged.</param>
/// <param name="SentAt">When it was delivered.</param>
/// <param name="LastError">The last failure.</param>
public sealed record OutboxItemView(Guid Id, string To, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>One outbox email in full.</summary>
/// <param name="Id">The outbox id.</param>
/// <param name="MessageId">Its <c>Message-ID</c> (without angle brackets), the same on every attempt.</param>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Status"><c>pending</c>, <c>sent</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="CreatedAt">When it was staged.</param>
/// <param name="NextAttemptAt">When it is tried next (pending only).</param>
/// <param name="SentAt">When it was delivered.</param>
/// <param name="LastError">The last failure.</param>
/// <param name="Template">The template it was rendered from.</param>
/// <param name="Language">The language rendered.</param>
/// <param name="InstanceId">The instance it is about.</param>
/// <param name="TaskId">The task it is about.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Html">The HTML part.</param>
public sealed record OutboxEmailView(
    Guid Id, string MessageId, string To, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SentAt, string? LastError, string Template, string Language, string? InstanceId, string? TaskId, string Text, string Html);

/// <summary><c>/api/outbox</c>: admins read what was sent, what waits and what failed, download it as <c>.eml</c>, retry it.</summary>
internal static class OutboxEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(Policies.Admin);
        outbox.MapGet("/", ListAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Outbox emails, newest first (?status=pending|sent|failed, ?limit=1..1000, default 100)");
        outbox.MapGet("/{id:guid}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One outbox email in full: headers, status, text and HTML");
        outbox.MapGet("/{id:guid}.eml", GetEmlAsync)
            .Produces(StatusCodes.Status200OK, contentType: "message/rfc822")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One outbox email as an RFC 5322 file (the .eml written when no SMTP server is configured)");
        outbox.MapPost("/{id:guid}/retry", RetryAsync)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send a failed email again (a fresh round of attempts, same Message-ID)");
    }

    private static async Task<Ok<List<OutboxItemView>>> ListAsync(string? status, int? limit, OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        if (status is not (null or OutboxStatuses.Pending or OutboxStatuses.Sent or OutboxStatuses.Failed))
        {
            throw new ArgumentException($"Query parameter 'status' must be '{OutboxStatuses.Pending}', '{OutboxStatuses.Sent}' or '{OutboxStatuses.Failed}' (was '{status}').", nameof(status));
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
        return TypedResults.Ok(page.Select(o =>
        {
            var payload = TryReadPayload(o);
            return new OutboxItemView(o.Id, payload?.To ?? "", payload?.Subject ?? "", o.Status, o.Attempts, o.CreatedAt, o.SentAt, o.LastError);
        }).ToList());
    }

    private static async Task<Ok<OutboxEmailView>> GetAsync(Guid id, OrchestratorDbContext db, OutboxOptions options, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, id, cancellationToken).ConfigureAwait(false);
        var p = ReadPayloadOrThrow(row);
        return TypedResults.Ok(new OutboxEmailView(
            row.Id, row.MessageId ?? options.MessageIdFor(row.Id), p.To, p.Subject, row.Status, row.Attempts, row.CreatedAt, row.NextAttemptAt,
            row.SentAt, row.LastError, p.Template, p.Language, p.InstanceId, p.TaskId, OutboxRedaction.Redact(p.Text), OutboxRedaction.Redact(p.Html)));
    }

    private static async Task<FileContentHttpResult> GetEmlAsync(Guid id, OrchestratorDbContext db, OutboxOptions options, SmtpOptions smtp, IEmailSender sender, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, id, cancellationToken).ConfigureAwait(false);
        var name = id.ToString("D") + ".eml";

        // The file the fallback transport wrote is what "was sent"; any other row is written the same way on demand.
        // A row with an email-action link is always rebuilt from the redacted payload: admins never get a live link.
        if (sender is EmlFileEmailSender files && File.Exists(files.FileFor(row.Id, row.CreatedAt)) && !OutboxRedaction.HasLiveLink(row.Payload))
        {
            var written = await File.ReadAllBytesAsync(files.FileFor(row.Id, row.CreatedAt), cancellationToken).ConfigureAwait(false);
            return TypedResults.File(written, "message/rfc822", name);
        }

        _ = ReadPayloadOrThrow(row);
        var email = EmailOutbox.ToEmail(row, row.MessageId ?? options.MessageIdFor(row.Id));
        email = email with { Subject = OutboxRedaction.Redact(email.Subject), Text = OutboxRedaction.Redact(email.Text), Html = OutboxRedaction.Redact(email.Html) };
        var bytes = await EmailMessageWriter.ToEmlAsync(email, smtp.From, cancellationToken).ConfigureAwait(false);
        return TypedResults.File(bytes, "message/rfc822", name);
    }

    private static async Task<NoContent> RetryAsync(Guid id, OrchestratorDbContext db, EmailOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var updated = await db.Outbox.Where(o => o.Id == id && o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OutboxStatuses.Pending)
                .SetProperty(o => o.Attempts, 0)
                .SetProperty(o => o.NextAttemptAt, now)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            var row = await FindAsync(db, id, cancellationToken).ConfigureAwait(false);
            throw new WorkflowConflictException($"Outbox email {id} is {row.Status}; only a failed email can be retried.");
        }

        outbox.NotifyCommitted();
        return TypedResults.NoContent();
    }

    private static async Task<OutboxRecord> FindAsync(OrchestratorDbContext db, Guid id, CancellationToken cancellationToken) =>
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
