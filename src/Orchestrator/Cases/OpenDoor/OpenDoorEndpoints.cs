using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Security;

namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// <c>/api/open-door</c>: street outreach contacts, pseudonymous records, the monthly outreach report, and a child's
/// arrivals at and departures from pre-community. Care staff read; counsellors, educators, social workers,
/// coordinators and data managers write. Every check is in <see cref="OpenDoorService"/>.
/// </summary>
internal static class OpenDoorEndpoints
{
    public static void MapOpenDoorEndpoints(this IEndpointRouteBuilder api)
    {
        const string read = Policies.CasesRead;
        const string write = Policies.OpenDoorWrite;
        var door = api.MapGroup("/open-door").WithTags("Open door");

        door.MapPost("/contacts", async ([FromBody] NewContactRequest body, OpenDoorService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var contact = await service.RecordContactAsync(body, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/open-door/contacts/{contact.Id}", contact);
            })
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Record a street outreach contact: alias, approximate age, team, zone, place, what was offered (information only, never goods); no name");
        door.MapGet("/contacts", async (string? month, bool? unlinked, OpenDoorService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListContactsAsync(month, unlinked ?? false, ct).ConfigureAwait(false)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A month's contacts (?month=yyyy-mm, default this month; ?unlinked=true: not linked to a record yet), newest first");
        door.MapGet("/contacts/{id:guid}/suggestions", async (Guid id, OpenDoorService service, CancellationToken ct) =>
                TypedResults.Ok(await service.SuggestRecordsAsync(id, ct).ConfigureAwait(false)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Records the contact may be the child of (alias, zone, age), for a counsellor to choose from; nothing is linked");
        door.MapPost("/contacts/{id:guid}/link", async (Guid id, [FromBody] LinkContactRequest body, OpenDoorService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.LinkContactAsync(id, body, user.ToActor(), ct).ConfigureAwait(false)))
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Link a contact to a record, as the counsellor decided");

        door.MapPost("/records", async ([FromBody] NewRecordRequest body, OpenDoorService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var record = await service.CreateRecordAsync(body, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/open-door/records/{Uri.EscapeDataString(record.Id)}", record);
            })
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Make a pseudonymous record (alias, approximate age, zone; never a name), linking the contact it came from");
        door.MapGet("/records", async (string? status, OpenDoorService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListRecordsAsync(status, ct).ConfigureAwait(false)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Records by reference (?status=street|pre-community|residential|closed); no link to a case file");
        door.MapGet("/records/{id}", async Task<Ok<Redacted<OpenDoorRecord>>> (string id, OpenDoorService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.GetRecordAsync(id, user.ToActor(), ct).ConfigureAwait(false)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A record with its contacts and stays in pre-community; the link to the case file opened at admission for coordinators only (audited)");
        door.MapPost("/records/{id}/arrivals", async (string id, [FromBody] ArrivalRequest? body, OpenDoorService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(new { instanceId = await service.ArriveAsync(id, body, user.ToActor(), ct).ConfigureAwait(false) }))
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The child arrived at pre-community: starts the record's open-door journey, or a new stay when it waits for the child's return");
        door.MapPost("/records/{id}/departures", async (string id, OpenDoorService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(new { instanceId = await service.DepartAsync(id, user.ToActor(), ct).ConfigureAwait(false) }))
            .RequireAuthorization(write).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The child left pre-community for the street: the stay ends; the journey waits for a return");

        door.MapGet("/reports/contacts", async (string? month, OpenDoorService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ContactReportAsync(month, ct).ConfigureAwait(false)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The month's outreach contacts per team and zone (?month=yyyy-mm, default this month), and how many children they were");
    }
}
