using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Api;
using Orchestrator.Security;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// <c>/api/outbox</c>: admins read what was sent, what waits, what failed and what they dismissed, download an email
/// as <c>.eml</c>, retry or dismiss a failed one. Every route calls <see cref="OutboxAdministration"/>.
/// </summary>
public static class OutboxEndpoints
{
    /// <summary>Maps the admin endpoints under <c>/outbox</c> of the API group (what was sent, what waits, what failed; retry, dismiss).</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The <c>/api/outbox</c> group.</returns>
    public static RouteGroupBuilder MapOutboxEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var outbox = api.MapGroup("/outbox").WithTags("Outbox").RequireAuthorization(Policies.Admin);
        outbox.MapGet("/", async (string? status, int? limit, OutboxAdministration admin, CancellationToken ct) =>
                TypedResults.Ok(await admin.ListAsync(status, limit, ct).ConfigureAwait(false)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Outbox emails, newest first (?status=pending|sent|failed|dismissed, ?limit=1..1000, default 100)");
        outbox.MapGet("/{id:guid}", async (Guid id, OutboxAdministration admin, CancellationToken ct) =>
                TypedResults.Ok(await admin.GetAsync(id, ct).ConfigureAwait(false)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One outbox email in full: headers, status, text and HTML");
        outbox.MapGet("/{id:guid}.eml", GetEmlAsync)
            .Produces(StatusCodes.Status200OK, contentType: "message/rfc822")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One outbox email as an RFC 5322 file (the .eml written when no SMTP server is configured)");
        outbox.MapPost("/{id:guid}/retry", async (Guid id, OutboxAdministration admin, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await admin.RetryAsync(id, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.NoContent();
            })
            .Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send a failed email again (a fresh round of attempts, same Message-ID; audited)");
        outbox.MapPost("/{id:guid}/dismiss", async (Guid id, OutboxAdministration admin, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await admin.DismissAsync(id, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.NoContent();
            })
            .Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Give up a failed email for good (kept as dismissed; audited; /health no longer counts it)");
        return outbox;
    }

    private static async Task<FileContentHttpResult> GetEmlAsync(Guid id, OutboxAdministration admin, CancellationToken cancellationToken)
    {
        var file = await admin.GetEmlAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.File(file.Content, "message/rfc822", file.FileName);
    }
}
