using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;
using Orchestrator.Tasks;

namespace Orchestrator.Api;

/// <summary>
/// <c>/api/tasks/{id}/draft</c>: the caller's half-filled form of a task, kept on the server as they type (sealed with
/// the service's data-protection keys): GET (204 when there is none), PUT <c>{"data":{…}}</c>, DELETE.
/// </summary>
internal static class TaskDraftEndpoints
{
    public static void MapTaskDraftEndpoints(this RouteGroupBuilder task)
    {
        task.MapGet("/draft", GetAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The caller's draft of the task's form (204: none)");
        task.MapPut("/draft", SaveAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Save the caller's draft of a task they could complete now")
            .WithDescription("Body: {\"data\": {…the form data so far…}} (at most 256 KiB). Deleted when the task ends or goes to someone else, and after 30 days.");
        task.MapDelete("/draft", DeleteAsync)
            .WithSummary("Discard the caller's draft");
    }

    private static async Task<Results<Ok<TaskDraft>, NoContent>> GetAsync(string id, TaskDrafts drafts, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await drafts.GetAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false) is { } draft ? TypedResults.Ok(draft) : TypedResults.NoContent();

    private static async Task<Results<Ok<DraftSavedResponse>, ValidationProblem>> SaveAsync(string id, [FromBody] SaveDraftRequest? body, TaskDrafts drafts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body?.Data is not { } data)
        {
            return RequestLimits.Invalid("data", "data: send the form data so far as a JSON object, {\"data\": {…}}.");
        }

        var saved = await drafts.SaveAsync(id, data, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DraftSavedResponse(saved.TaskId, saved.SavedAt));
    }

    private static async Task<NoContent> DeleteAsync(string id, TaskDrafts drafts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await drafts.DeleteAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
