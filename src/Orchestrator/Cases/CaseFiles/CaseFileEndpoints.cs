using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The case-file API the pages' services also answer: register a detected child (case + journey), start a case's
/// journey, the cases list with task counts and caseloads, the search by name or reference (POST: no name in a URL),
/// a case's journeys (open tasks, deadlines, timeline), and its documents (list, upload, download). Every read keeps
/// to the caller's caseload and is audited.
/// </summary>
public static class CaseFileEndpoints
{
    /// <summary>Maps the endpoints under <c>/api/cases</c>.</summary>
    /// <param name="api">The <c>/api</c> route group (<c>ApiEndpoints.MapOrchestratorApi</c>).</param>
    /// <returns>The group.</returns>
    public static IEndpointRouteBuilder MapCaseFileEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        const string read = Policies.CasesRead;
        const string write = Policies.CasesWrite;
        var cases = api.MapGroup("/cases").WithTags("Case files");

        cases.MapPost("/registrations", RegisterAsync).RequireAuthorization(write)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Register a detected child: open the case file and start child-journey (201; instanceId null and journeyProblem set when the journey could not start)");
        cases.MapPost("/{id}/journey", StartJourneyAsync).RequireAuthorization(write)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Start child-journey for a case that has none");
        cases.MapGet("/overview", ListAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Cases by reference with initials, phase, placement, reference educator, open and overdue tasks (the caller's caseload; everyone's for coordinators and data managers, with the caseload per worker); ?phase=&facility=&educator=");
        cases.MapPost("/search", SearchAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Find cases by the child's names or by reference, within the caller's caseload (POST so that no name is in a URL; audited with the references found)");
        cases.MapGet("/{id}/journeys", JourneysAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The case's journeys, open tasks, coming deadlines (pending timers) and one timeline of their history and the file's changes, newest first (an audited read of the case)");
        cases.MapGet("/{id}/documents", ListDocumentsAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The case's uploads and letters, newest first (audited)");
        cases.MapPost("/{id}/documents", UploadAsync).RequireAuthorization(read).DisableAntiforgery() // the host's own middleware checks cookie callers
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Upload a document to the case: multipart fields category (identity, consent, report, other), title, file (PDF, JPEG, PNG or WebP, by its bytes; Cases:Documents:MaxBytes)");
        cases.MapGet("/{id}/documents/{documentId:guid}", DownloadAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Download a document of the case (audited)");
        return api;
    }

    private static async Task<Created<RegisteredChild>> RegisterAsync([FromBody] ChildRegistrationRequest body, CaseRegistrationService registrations, ClaimsPrincipal user, CancellationToken ct)
    {
        var registered = await registrations.RegisterAsync(body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(registered.CaseId)}", registered);
    }

    private static async Task<Created<StartedJourney>> StartJourneyAsync(string id, [FromBody] StartJourneyRequest? body, CaseRegistrationService registrations, ClaimsPrincipal user, CancellationToken ct)
    {
        var instanceId = await registrations.StartJourneyAsync(id, body?.ConsulateId, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/instances/{Uri.EscapeDataString(instanceId)}", new StartedJourney(instanceId));
    }

    private static async Task<Ok<CaseOverview>> ListAsync(string? phase, string? facility, string? educator, CaseOverviewService overview, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await overview.ListAsync(new CaseOverviewQuery(phase, facility, educator), user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Ok<IReadOnlyList<CaseSearchHit>>> SearchAsync([FromBody] CaseSearchRequest body, CaseOverviewService overview, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await overview.SearchAsync(body?.Text, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Ok<CaseJourneys>> JourneysAsync(string id, CaseFileService files, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await files.OpenAsync(id, user.ToActor(), ct).ConfigureAwait(false)).Journeys);

    private static async Task<Ok<IReadOnlyList<CaseFileDocument>>> ListDocumentsAsync(string id, CaseFileService files, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await files.ListDocumentsAsync(id, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Created<CaseFileDocument>> UploadAsync(string id, HttpRequest request, CaseFileService files, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new CaseInputException("file", "send the document as multipart/form-data with the fields category, title and file.");
        }

        var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
        var file = form.Files.GetFile("file") ?? throw new CaseInputException("file", "is required: a PDF, JPEG, PNG or WebP file.");
        var stream = file.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            var document = await files.UploadAsync(id, new NewDocumentUpload(form["category"], form["title"], file.FileName, file.Length, stream), user.ToActor(), ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}/documents/{document.Id}", document);
        }
    }

    private static async Task<FileContentHttpResult> DownloadAsync(string id, Guid documentId, CaseFileService files, ClaimsPrincipal user, CancellationToken ct)
    {
        var download = await files.DownloadAsync(id, documentId, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.File(download.Content, download.MediaType, download.FileName);
    }
}
