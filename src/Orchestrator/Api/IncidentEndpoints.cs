using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary><c>/api/incidents</c>: failed work, and its retry.</summary>
internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this IEndpointRouteBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents").RequireAuthorization(Policies.Supervise);
        incidents.MapGet("/", ListAsync).WithSummary("Open incidents");
        incidents.MapPost("/{id}/retry", RetryAsync)
            .Idempotent()
            .WithLogScope("id", "IncidentId")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Retry the failed work of an incident");
    }

    // Messages may repeat a variable's value: a sensitive one is taken out for whoever may not read it.
    private static async Task<Ok<IReadOnlyList<IncidentView>>> ListAsync(GuardedWorkflowReads reads, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reads.ListIncidentsAsync(user.ToActor(), cancellationToken).ConfigureAwait(false));

    private static async Task<NoContent> RetryAsync(string id, WorkflowService workflows, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await workflows.RetryIncidentAsync(id, user.ToActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
