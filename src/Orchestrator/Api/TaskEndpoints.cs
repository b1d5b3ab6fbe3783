using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>
/// <c>/api/tasks</c>: the inbox (only tasks the caller may see) with its filters, views and counts, one task and its
/// form, claim, unclaim, assign, complete, the live change stream and drafts.
/// </summary>
internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.Casework);
        tasks.MapGet("/", ListAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Open tasks the caller may see (assigned to them or their groups; coordinators and admins see all)")
            .WithDescription("A JSON array in the order of sort: due (default: due date, none last; priority, highest first; created; id), created (oldest first) or name. " +
                "Filters: processId (journey), businessKey (case reference), candidateGroup, instanceId, assignee; view: all (default), assigned-to-me, my-groups " +
                "(unclaimed, offered to the caller's groups), overdue, due-today, due-this-week (days in the organisation's time zone). limit: 1–1000, default 100. " +
                "When more tasks follow, the Link header has rel=\"next\" with an opaque after cursor; pass it back as is with the same filters.");
        tasks.MapGet("/counts", CountAsync)
            .WithSummary("How many tasks each view holds for the caller, with the same filters as the list")
            .WithDescription("{all, assignedToMe, myGroups, overdue, dueToday, dueThisWeek}; filters processId, businessKey, candidateGroup.");
        tasks.MapTaskEventEndpoints();

        var task = tasks.MapGroup("/{id}").WithLogScope("id", "TaskId");
        task.MapGet("/", GetAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One task, open or ended, with its people named and what the caller may do with it")
            .WithDescription("403 for a task that is not the caller's nor offered to them or their groups.");
        task.MapGet("/form", GetFormAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The task's form-js schema and the variables that fill it (the read is audited)")
            .WithDescription("{taskId, formKey, schema, variables}; schema is null for a task without a deployed form. 409 when the task is no longer open.");
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
        task.MapPost("/assign", AssignAsync)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Hand the task to a named colleague (coordinators and admins), with a reason kept in the history")
            .WithDescription("Body: {\"assignee\": \"<account id>\", \"reason\": \"…\"}. 400 naming the field for no reason or an unknown colleague.");
        task.MapPost("/complete", CompleteAsync)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Complete the task with its form data")
            .WithDescription("Body (optional): {\"variables\":{}}. 409 when the task is no longer open (the detail names who completed it); 422 errors [{field, message}] when the data breaks the task's form.");
        task.MapTaskDraftEndpoints();
    }

    private const int DefaultLimit = 100;

    private static async Task<Results<Ok<IReadOnlyList<TaskView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] TaskListParameters parameters,
        HttpContext http,
        TaskInbox inbox,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        // Read as text: a malformed number is answered here with the parameter's name, not by the binder's bare 400.
        var size = DefaultLimit;
        if (parameters.Limit is { } limit && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > TaskQuery.MaxLimit))
        {
            return InvalidParameter("limit", $"limit must be a whole number from 1 to {TaskQuery.MaxLimit}; it was '{limit}'.");
        }

        if (!InboxParameters.TryParseView(parameters.View, out var view))
        {
            return InvalidParameter("view", $"view must be one of {InboxParameters.ViewChoices}; it was '{parameters.View}'.");
        }

        if (!InboxParameters.TryParseSort(parameters.Sort, out var sort))
        {
            return InvalidParameter("sort", $"sort must be one of {InboxParameters.SortChoices}; it was '{parameters.Sort}'.");
        }

        TaskPage page;
        try
        {
            page = await inbox.ListAsync(parameters.ToQuery() with { Limit = size, After = parameters.After, View = view, Sort = sort }, user.ToActor(), cancellationToken)
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
                ["instanceId"] = parameters.InstanceId,
                ["assignee"] = parameters.Assignee,
                ["candidateGroup"] = parameters.CandidateGroup,
                ["processId"] = parameters.ProcessId,
                ["businessKey"] = parameters.BusinessKey,
                ["view"] = parameters.View,
                ["sort"] = parameters.Sort,
                ["limit"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["after"] = next,
            };
            var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query.Where(kv => kv.Value is not null));
            http.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
        }

        return TypedResults.Ok(page.Tasks);
    }

    private static async Task<Ok<InboxCounts>> CountAsync([AsParameters] TaskListParameters parameters, TaskInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.CountAsync(parameters.ToQuery(), user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<TaskDetails>> GetAsync(string id, TaskLookup lookup, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lookup.GetAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<TaskForm>> GetFormAsync(string id, TaskLookup lookup, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lookup.GetFormAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<TaskView>> AssignAsync(string id, [FromBody] AssignTaskRequest? body, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.AssignAsync(id, body?.Assignee, body?.Reason, user.ToActor(), cancellationToken).ConfigureAwait(false));

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
