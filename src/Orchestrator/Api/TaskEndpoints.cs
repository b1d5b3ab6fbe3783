using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary><c>/api/tasks</c>: the inbox (only tasks the caller may see), claim, unclaim, complete.</summary>
internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.Casework);
        tasks.MapGet("/", ListAsync)
            .WithSummary("Open tasks the caller may see (assigned to them or their groups; coordinators and admins see all)");

        var task = tasks.MapGroup("/{id}").WithLogScope("id", "TaskId");
        task.MapPost("/claim", ClaimAsync)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Assign the task to the caller");
        task.MapPost("/unclaim", UnclaimAsync)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Give the task back to its groups");
        task.MapPost("/complete", CompleteAsync)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Complete the task with its form data")
            .WithDescription("Body (optional): {\"variables\":{}}. 409 when the task is no longer open; 422 errors [{field, message}] when the data breaks the task's form.");
    }

    private static async Task<Ok<IReadOnlyList<TaskView>>> ListAsync(
        string? instanceId,
        string? assignee,
        string? candidateGroup,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.ListTasksAsync(new TaskQuery(instanceId, assignee, candidateGroup), user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<TaskView>> ClaimAsync(string id, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.ClaimAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<TaskView>> UnclaimAsync(string id, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.UnclaimAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<NoContent> CompleteAsync(
        string id,
        [FromBody] CompleteTaskRequest? body,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        await workflows.CompleteAsync(id, body?.Variables, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
