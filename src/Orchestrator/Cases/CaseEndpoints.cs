using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Security;

namespace Orchestrator.Cases;

/// <summary>
/// The case API under the <c>/api</c> group: <c>/api/cases</c>, <c>/api/facilities</c>, <c>/api/foster-families</c>,
/// <c>/api/consulates</c>. Care staff read (every case read is audited), coordinators and data managers write. Bad
/// input answers 400 naming the field; an unknown case 404. The handlers only translate HTTP: every check is in the
/// services, which the pages call too.
/// </summary>
public static class CaseEndpoints
{
    /// <summary>Maps the case API.</summary>
    /// <param name="api">The <c>/api</c> route group (<c>ApiEndpoints.MapOrchestratorApi</c>).</param>
    /// <returns>The group.</returns>
    public static IEndpointRouteBuilder MapCasesEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        const string read = Policies.CasesRead;
        const string write = Policies.CasesWrite;

        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", CreateCaseAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Open a case file (allocates the reference CA-yyyy-nnnn)");
        cases.MapGet("/", ListCasesAsync).RequireAuthorization(read).WithSummary("Case summaries (reference, phase, placement; no names) by reference; ?phase= filters");
        cases.MapGet("/{id}", GetCaseAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A case file (id or reference) with its plans, evaluations, placement, opinions and events; the read is audited; staff other than coordinators, data managers and admins: only cases on their caseload (403 otherwise)");
        cases.MapPost("/{id}/restitution-measures", AddMeasureAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add a measure to the rights protection and restitution plan");
        cases.MapPost("/{id}/life-plan/objectives", AddObjectiveAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add an objective to the individual life plan");
        cases.MapPost("/{id}/life-plan/objectives/{objectiveId:guid}/activities", AddActivityAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add an activity to a life-plan objective");
        cases.MapPost("/{id}/opinions", RecordOpinionAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Record the child's opinion at a decision");
        cases.MapPost("/{id}/family-tracing", AddTracingAsync).RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Record a step of family tracing");
        cases.MapProgrammeEndpoints();
        api.MapOpenDoorEndpoints();
        cases.MapGet("/{id}/family-matches", SuggestFamiliesAsync).RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Foster families of the register that could take the child, best first (language, culture, places left, preferred ages)");

        var facilities = api.MapGroup("/facilities").WithTags("Cases");
        facilities.MapGet("/", async (FacilityService service, CancellationToken ct) => TypedResults.Ok(await service.ListFacilitiesAsync(ct).ConfigureAwait(false)))
            .RequireAuthorization(read).WithSummary("Facilities with capacity, occupancy, age range and sex");
        facilities.MapPost("/", async ([FromBody] NewFacilityRequest body, FacilityService service, CancellationToken ct) =>
            {
                var facility = await service.CreateFacilityAsync(body, ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/facilities/{Uri.EscapeDataString(facility.Id)}", facility);
            })
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("Register a facility");

        var families = api.MapGroup("/foster-families").WithTags("Cases");
        families.MapGet("/", async (string? status, FosterFamilyService service, CancellationToken ct) => TypedResults.Ok(await service.ListFamiliesAsync(status, ct).ConfigureAwait(false)))
            .RequireAuthorization(read).WithSummary("The foster-family register; ?status= filters");
        families.MapPost("/", async ([FromBody] NewFamilyRequest body, FosterFamilyService service, CancellationToken ct) =>
            {
                var family = await service.RegisterFamilyAsync(body, ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/foster-families/{Uri.EscapeDataString(family.Id)}", family);
            })
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Register a family that answered the public call (then start foster-family-certification with its id as familyId)");

        api.MapGet("/consulates", async (ConsulateDirectory consulates, CancellationToken ct) => TypedResults.Ok(await consulates.ListAsync(ct).ConfigureAwait(false)))
            .WithTags("Cases").RequireAuthorization(read).WithSummary("The consulates directory");
        return api;
    }

    private static async Task<Created<Redacted<ChildCase>>> CreateCaseAsync([FromBody] NewCaseRequest body, CaseService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var file = await service.OpenCaseFileAsync(body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(file.Value.Id)}", file);
    }

    private static async Task<Ok<IReadOnlyList<CaseSummary>>> ListCasesAsync(string? phase, CaseService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await service.ListCasesAsync(phase, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Ok<Redacted<ChildCase>>> GetCaseAsync(string id, CaseService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await service.GetCaseAsync(id, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<Created<RestitutionMeasure>> AddMeasureAsync(string id, [FromBody] NewMeasureRequest body, CaseService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var measure = await service.AddMeasureAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", measure);
    }

    private static async Task<Created<LifePlanObjective>> AddObjectiveAsync(string id, [FromBody] NewObjectiveRequest body, CaseService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var objective = await service.AddObjectiveAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", objective);
    }

    private static async Task<Created<LifePlanActivity>> AddActivityAsync(string id, Guid objectiveId, [FromBody] NewActivityRequest body, CaseService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var activity = await service.AddActivityAsync(id, objectiveId, body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", activity);
    }

    private static async Task<Created<ChildOpinion>> RecordOpinionAsync(string id, [FromBody] NewOpinionRequest body, CaseService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var opinion = await service.RecordOpinionAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", opinion);
    }

    private static async Task<Created<FamilyTracingRecord>> AddTracingAsync(string id, [FromBody] NewTracingRequest body, CaseService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await service.AddTracingAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", record);
    }

    private static async Task<Ok<IReadOnlyList<FamilyMatch>>> SuggestFamiliesAsync(string id, FosterFamilyService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await service.SuggestFamiliesAsync(id, user.ToActor(), ct).ConfigureAwait(false));
}
