using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;
using Orchestrator.Tasks;

namespace Orchestrator.Api;

/// <summary>
/// <c>/api/task-views</c>: inbox views saved on the server — the caller's own and those shared with one of their
/// groups (only the owner changes or deletes one), each with its live count when <c>?counts=true</c>.
/// </summary>
internal static class TaskViewEndpoints
{
    public static void MapTaskViewEndpoints(this IEndpointRouteBuilder api)
    {
        var views = api.MapGroup("/task-views").WithTags("Tasks").RequireAuthorization(Policies.Casework);
        views.MapGet("/", ListAsync)
            .WithSummary("The caller's saved inbox views and those shared with their groups")
            .WithDescription("counts=true adds each view's live count for the caller.");
        views.MapPost("/", CreateAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Save a view: {name, filters: {view, sort, journey, case, group}, sharedWithGroup}");
        views.MapPut("/{id:guid}", UpdateAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Change a view (its owner only)");
        views.MapDelete("/{id:guid}", DeleteAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a view (its owner only)");
    }

    private static async Task<Ok<IReadOnlyList<SavedInboxView>>> ListAsync(bool? counts, SavedInboxViews views, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.ListAsync(user.ToActor(), counts == true, null, cancellationToken).ConfigureAwait(false));

    private static async Task<Created<SavedInboxView>> CreateAsync([FromBody] SavedViewRequest? body, SavedInboxViews views, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var view = await views.CreateAsync(body?.Name, body?.Filters, body?.SharedWithGroup, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/task-views/{view.Id}", view);
    }

    private static async Task<Ok<SavedInboxView>> UpdateAsync(Guid id, [FromBody] SavedViewRequest? body, SavedInboxViews views, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.UpdateAsync(id, body?.Name, body?.Filters, body?.SharedWithGroup, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<NoContent> DeleteAsync(Guid id, SavedInboxViews views, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await views.DeleteAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
