using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Api;
using Orchestrator.Notifications.Templates;
using Orchestrator.Security;

namespace Orchestrator.Notifications.Letters;

/// <summary>The document routes of the letters, under the <c>/api</c> group.</summary>
public static class LetterEndpoints
{
    /// <summary>
    /// Maps <c>POST /api/instances/{id}/letters</c> (201, the document's metadata; <c>Idempotency-Key</c> accepted), <c>GET /api/instances/{id}/documents</c>
    /// and <c>GET /api/documents/{documentId}</c> (the PDF), all under the <c>casework</c> policy; reads are audited.
    /// </summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The same group.</returns>
    public static IEndpointRouteBuilder MapLetterEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/instances/{id}/letters", GenerateAsync)
            .RequireAuthorization(Policies.Casework)
            .WithTags("Documents")
            .WithLogScope("id", "InstanceId")
            .Idempotent() // the key's record is saved with the document (GenerateAsync), so a repeat never prints a second letter
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Print a letter of the case to PDF and keep it as a document")
            .WithDescription("Body: {\"template\":\"rejection\",\"language\":\"es\"}. 201 with the document's metadata; 422 when the letter names a value the case lacks; 503 when the PDF printer is unavailable.");
        api.MapGet("/instances/{id}/documents", ListAsync)
            .RequireAuthorization(Policies.Casework)
            .WithTags("Documents")
            .WithLogScope("id", "InstanceId")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The documents of a case, newest first (the read is audited)");
        api.MapGet("/documents/{documentId:guid}", DownloadAsync)
            .RequireAuthorization(Policies.Casework)
            .WithTags("Documents")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Download a document (application/pdf; the read is audited)");
        return api;
    }

    private static async Task<Results<Created<CaseDocumentView>, ProblemHttpResult>> GenerateAsync(
        string id, [FromBody] LetterRequest? body, LetterService letters, IdempotencyScope idempotency, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            // With an Idempotency-Key the key's record is saved with the document: both or neither (Api/IdempotencyFilter).
            var recorded = false;
            var document = await letters.GenerateAsync(id, body?.Template ?? "", body?.Language, user.ToActor(), async (db, now, ct) =>
                recorded = await IdempotencyEffect.StageAsync(idempotency, db, now, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (recorded)
            {
                idempotency.Committed();
            }

            return TypedResults.Created($"/api/documents/{document.Id}", document);
        }
        catch (DbUpdateException e) when (idempotency.Key is not null)
        {
            // Two requests with one key raced past the check: the key's primary key let the other commit. The filter
            // answers with that request's answer (or fails plainly if no record was written after all, with this
            // failure as the cause).
            throw new IdempotentRepeatException("Another request with this Idempotency-Key was carried out first.", e);
        }
        catch (TemplateException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The letter cannot be rendered with this case's data");
        }
        catch (LetterPrintException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF printer is unavailable");
        }
    }

    private static async Task<Ok<IReadOnlyList<CaseDocumentView>>> ListAsync(string id, LetterService letters, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await letters.ListAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<FileContentHttpResult> DownloadAsync(Guid documentId, LetterService letters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var file = await letters.DownloadAsync(documentId, user.ToActor(), cancellationToken).ConfigureAwait(false);
        var d = file.Document;
        return TypedResults.File(file.Content, d.MediaType, $"{d.TemplateKey}-{d.BusinessKey ?? d.InstanceId}-{d.CreatedAt:yyyyMMdd}.pdf");
    }
}
