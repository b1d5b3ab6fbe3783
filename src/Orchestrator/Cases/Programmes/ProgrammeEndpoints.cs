using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;

namespace Orchestrator.Cases.Programmes;

/// <summary>
/// The programmes of a case under <c>/api/cases/{id}</c>: enrolments, consents, babies. Coordinators and data managers
/// enrol; staff with the case on their caseload (the programme's team among them) record consent and babies. Every
/// check is in <see cref="ProgrammeService"/>.
/// </summary>
internal static class ProgrammeEndpoints
{
    public static void MapProgrammeEndpoints(this IEndpointRouteBuilder cases)
    {
        const string read = Policies.CasesRead;
        const string write = Policies.CasesWrite;
        cases.MapPost("/{id}/programmes", async (string id, [FromBody] EnrolmentRequest body, ProgrammeService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var instanceId = await service.EnrolAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/instances/{Uri.EscapeDataString(instanceId)}", new { instanceId });
            })
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Enrol the child in a programme (palomas, luna, apartments): starts the programme-enrolment journey (place, consent, the team's work)");
        cases.MapGet("/{id}/programmes", async (string id, ProgrammeService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.ListEnrolmentsAsync(id, user.ToActor(), ct).ConfigureAwait(false)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The child's enrolments, each with the consents it still waits for");
        cases.MapPost("/{id}/consents", async (string id, [FromBody] NewConsentRequest body, ProgrammeService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var consent = await service.RecordConsentAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", consent);
            })
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Record the child's assent or the guardian's or PPNNA's consent (to a programme, or to sharing information), with its date and who records it");
        cases.MapPost("/{id}/babies", async (string id, [FromBody] NewBabyRequest body, ProgrammeService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var baby = await service.LinkBabyAsync(id, body, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}", baby);
            })
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Record a baby of a mother in Palomas Home, linked to her case file");
    }
}
