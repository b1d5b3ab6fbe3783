using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>
/// Starting instances (<c>/api/processes/{processId}/instances</c>), reading, their history, repairing their variables
/// and cancelling (<c>/api/instances</c>).
/// </summary>
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
            .WithDescription("Body (optional): {\"variables\":{},\"businessKey\":\"…\"} (businessKey at most 200 characters). 201 {\"id\"}; 400 naming a field that is wrong; 404 when no process has that id.");

        var instances = api.MapGroup("/instances/{id}").WithTags("Instances").WithLogScope("id", "InstanceId");
        instances.MapGet("/", GetAsync)
            .RequireAuthorization(Policies.Casework)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An instance: status, active elements, variables, incidents");
        instances.MapGet("/history", HistoryAsync)
            .RequireAuthorization(Policies.Casework)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The audit trail of an instance, oldest first");
        instances.MapPut("/variables", SetVariablesAsync)
            .RequireAuthorization(Policies.Supervise)
            .Idempotent()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set process variables of an active instance (repair an incident's data, then retry it)")
            .WithDescription("Body: {\"variables\":{\"name\":value,…}} (at least one). Each replaces the process-scope value of that name; "
                + "the history records each one with who set it, and one VariablesSet entry naming them. 204; 400 naming what is wrong; 404; 409 when the instance has ended.");
        instances.MapDelete("/", CancelAsync)
            .RequireAuthorization(Policies.Supervise)
            .Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel an instance (?reason= kept in the history, at most 1,000 characters)");
    }

    private static async Task<Results<Created<StartedInstanceResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string processId,
        [FromBody] StartInstanceRequest? body,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (RequestLimits.UnknownId("process", processId, RequestLimits.Name) is { } unknown)
        {
            return unknown;
        }

        if (RequestLimits.TooLong("businessKey", body?.BusinessKey, RequestLimits.Name) is { } invalid)
        {
            return invalid;
        }

        var id = await workflows.StartAsync(processId, body?.Variables, body?.BusinessKey, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/instances/{Uri.EscapeDataString(id)}", new StartedInstanceResponse(id));
    }

    // Reads go through the sensitive-data guard: a variable marked sensitive shows its value only to its readers.
    private static async Task<Results<Ok<InstanceView>, ProblemHttpResult>> GetAsync(string id, GuardedWorkflowReads reads, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        UnknownInstance(id) is { } unknown
            ? unknown
            : TypedResults.Ok(await reads.GetInstanceAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(string id, GuardedWorkflowReads reads, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        UnknownInstance(id) is { } unknown
            ? unknown
            : TypedResults.Ok(await reads.GetHistoryAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetVariablesAsync(
        string id,
        [FromBody] SetVariablesRequest? body,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (UnknownInstance(id) is { } unknown)
        {
            return unknown;
        }

        if (body?.Variables is not { Count: > 0 } variables)
        {
            return RequestLimits.Invalid("variables", "variables: give an object with at least one variable, e.g. {\"variables\":{\"age\":15}}.");
        }

        if (variables.Select(v => v.Key).FirstOrDefault(n => string.IsNullOrWhiteSpace(n) || n.Length > RequestLimits.Name) is { } badName)
        {
            return RequestLimits.Invalid("variables", $"variables: a variable name must have 1 to {RequestLimits.Name} characters and not be blank ('{(badName.Length > 40 ? badName[..40] + "…" : badName)}').");
        }

        await workflows.SetInstanceVariablesAsync(id, variables, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(string id, string? reason, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (UnknownInstance(id) is { } unknown)
        {
            return unknown;
        }

        await workflows.CancelAsync(id, reason, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? UnknownInstance(string id) => RequestLimits.UnknownId("process instance", id, RequestLimits.Id);
}
