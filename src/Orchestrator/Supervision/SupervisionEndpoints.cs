using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;

namespace Orchestrator.Supervision;

/// <summary>
/// The supervision API, the same services the pages use: journeys with their running instances and incidents, where
/// instances wait (<c>/api/journeys</c>), a case's instances, an instance's pending timers and path, the deadlines at risk
/// (coordinators and admins) and the audit (data managers and admins).
/// </summary>
public static class SupervisionEndpoints
{
    /// <summary>Maps the endpoints under <c>/api</c>.</summary>
    /// <param name="api">The <c>/api</c> route group (<c>ApiEndpoints.MapOrchestratorApi</c>).</param>
    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder api)
    {
        var journeys = api.MapGroup("/journeys").WithTags("Supervision").RequireAuthorization(Policies.Supervise);
        journeys.MapGet("/", ListJourneysAsync).WithSummary("Deployed journeys with their versions, running instances and open incidents per version");
        journeys.MapGet("/{processId}/overview", OverviewAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Where the running instances of one version wait now, and its open incidents, per element (?version=, default the latest)");
        journeys.MapGet("/{processId}/versions/{version:int}/elements/{elementId}/instances", WaitingAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The running instances waiting at an element, oldest first (?after=&limit=1..500, default 100)");

        api.MapPost("/instances/search", SearchAsync).WithTags("Supervision").RequireAuthorization(Policies.Supervise)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The instances of a case reference (body {\"caseReference\"}; the search is audited)");
        api.MapGet("/instances/{id}/timers", TimersAsync).WithTags("Supervision").RequireAuthorization(Policies.Casework)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The pending timers of an instance with their due dates, named in words");
        api.MapGet("/instances/{id}/path", PathAsync).WithTags("Supervision").RequireAuthorization(Policies.Casework)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The elements an instance completed and the sequence flows it took (derived from its history; audited as a history read)");

        api.MapGet("/deadlines", DeadlinesAsync).WithTags("Supervision").RequireAuthorization(Policies.Supervise)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Open tasks and pending timers due within ?days= (default 7) or late, soonest first (?caseReference=&worker=&facility=&after=&limit=)");
        api.MapGet("/audit", AuditAsync).WithTags("Supervision").RequireAuthorization(Policies.Audit)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Who read or changed which case when, newest first (?caseReference=&userId=&from=&to= as yyyy-mm-dd&after=&limit=); the read is audited");
    }

    private static async Task<Ok<IReadOnlyList<JourneySummary>>> ListJourneysAsync(JourneyMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.ListJourneysAsync(ct).ConfigureAwait(false));

    private static async Task<Ok<JourneyOverview>> OverviewAsync(string processId, int? version, JourneyMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.GetOverviewAsync(processId, version, ct).ConfigureAwait(false));

    private static async Task<Ok<WaitingInstancePage>> WaitingAsync(string processId, int version, string elementId, string? after, int? limit, JourneyMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.ListWaitingAsync(processId, version, elementId, after, limit ?? 100, ct).ConfigureAwait(false));

    private static async Task<Ok<IReadOnlyList<InstanceFound>>> SearchAsync([FromBody] InstanceSearchRequest? body, JourneyMonitor monitor, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await monitor.FindByCaseReferenceAsync(body?.CaseReference, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Ok<IReadOnlyList<PendingTimerView>>> TimersAsync(string id, JourneyMonitor monitor, CancellationToken ct) =>
        TypedResults.Ok(await monitor.ListTimersAsync(id, ct).ConfigureAwait(false));

    private static async Task<Ok<InstancePath>> PathAsync(string id, JourneyMonitor monitor, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await monitor.PathAsync(id, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Ok<DeadlinePage>> DeadlinesAsync(int? days, string? caseReference, string? worker, string? facility, string? after, int? limit, DeadlineWatch deadlines, CancellationToken ct) =>
        TypedResults.Ok(await deadlines.ListAsync(new DeadlineQuery
        {
            Days = days ?? DeadlineQuery.DefaultDays,
            CaseReference = caseReference,
            Worker = worker,
            FacilityId = facility,
            After = after,
            Limit = limit ?? 100,
        }, ct).ConfigureAwait(false));

    private static async Task<Ok<AuditPage>> AuditAsync(string? caseReference, string? userId, DateOnly? from, DateOnly? to, string? after, int? limit, AuditTrail audit, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await audit.ReadAsync(new AuditQuery { CaseReference = caseReference, UserId = userId, From = from, To = to, After = after, Limit = limit ?? 100 }, user.ToActor(), ct).ConfigureAwait(false));
}
