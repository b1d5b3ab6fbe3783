using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>Starting instances (<c>/api/processes/{processId}/instances</c>), reading, their history and cancelling (<c>/api/instances</c>).</summary>
internal static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder api)
    {
        var processes = api.MapGroup("/processes/{processId}").WithTags("Instances").WithLogScope("processId", "ProcessId");
        processes.MapPost("/instances", StartAsync)
            .RequireAuthorization(Policies.Casework)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Start an instance of the latest version")
            .WithDescription("Body (optional): {\"variables\":{},\"businessKey\":\"…\"}. 201 {\"id\"}; 404 when no process has that id.");

        var instances = api.MapGroup("/instances/{id}").WithTags("Instances").WithLogScope("id", "InstanceId");
        instances.MapGet("/", GetAsync)
            .RequireAuthorization(Policies.Casework)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An instance: status, active elements, variables, incidents");
        instances.MapGet("/history", HistoryAsync)
            .RequireAuthorization(Policies.Casework)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The audit trail of an instance, oldest first");
        instances.MapDelete("/", CancelAsync)
            .RequireAuthorization(Policies.Supervise)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel an instance");
    }

    private static async Task<Created<StartedInstanceResponse>> StartAsync(
        string processId,
        [FromBody] StartInstanceRequest? body,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var id = await workflows.StartAsync(processId, body?.Variables, body?.BusinessKey, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/instances/{Uri.EscapeDataString(id)}", new StartedInstanceResponse(id));
    }

    private static async Task<Ok<InstanceView>> GetAsync(string id, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.GetInstanceAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> HistoryAsync(string id, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.GetHistoryAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<NoContent> CancelAsync(string id, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await workflows.CancelAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
