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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Open tasks the caller may see (assigned to them or their groups; coordinators and admins see all)")
            .WithDescription("A JSON array in inbox order (due date, none last; priority, highest first; created; id). limit: 1–1000, default 100. " +
                "When more tasks follow, the Link header has rel=\"next\" with an opaque after cursor; pass it back as is.");

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

    private const int DefaultLimit = 100;

    private static async Task<Results<Ok<IReadOnlyList<TaskView>>, ProblemHttpResult>> ListAsync(
        string? instanceId,
        string? assignee,
        string? candidateGroup,
        string? limit,
        string? after,
        HttpContext http,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        // Read as text: a malformed number is answered here with the parameter's name, not by the binder's bare 400.
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > TaskQuery.MaxLimit))
        {
            return InvalidParameter("limit", $"limit must be a whole number from 1 to {TaskQuery.MaxLimit}; it was '{limit}'.");
        }

        TaskPage page;
        try
        {
            page = await workflows.ListTaskPageAsync(new TaskQuery(instanceId, assignee, candidateGroup) { Limit = size, After = after }, user.ToActor(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TaskQueryException e)
        {
            return InvalidParameter(e.Parameter ?? "query", e.Parameter is { } p ? $"{p}: {e.Message}" : e.Message);
        }

        if (page.Next is { } next)
        {
            var query = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["instanceId"] = instanceId,
                ["assignee"] = assignee,
                ["candidateGroup"] = candidateGroup,
                ["limit"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["after"] = next,
            };
            var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query.Where(kv => kv.Value is not null));
            http.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
        }

        return TypedResults.Ok(page.Tasks);
    }

    private static ProblemHttpResult InvalidParameter(string name, string detail) =>
        TypedResults.Problem(title: $"Invalid query parameter '{name}'", detail: detail, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["parameter"] = name });

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
