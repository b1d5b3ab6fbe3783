using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary><c>POST /api/messages</c>: correlate a message to the instances waiting for it (or start message-start processes).</summary>
internal static class MessageEndpoints
{
    public static void MapMessageEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/messages").WithTags("Messages")
            .MapPost("/", CorrelateAsync)
            .RequireAuthorization(Policies.Casework)
            .Idempotent()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Correlate a message by name and correlation key")
            .WithDescription("Body: {\"name\",\"correlationKey\",\"variables\"} (name and correlationKey at most 200 characters; 400 naming the field otherwise). 200 {\"correlated\":[instance ids]}; 404 when no instance waits for it and no process starts with it (the message is not kept).");
    }

    private static async Task<Results<Ok<CorrelatedResponse>, ValidationProblem, ProblemHttpResult>> CorrelateAsync(
        MessageRequest body,
        WorkflowService workflows,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["The message name is required."] }, title: "The message name is required.");
        }

        // Nothing can wait for a longer name or key: the subscription columns could not hold it.
        if ((RequestLimits.TooLong("name", body.Name, RequestLimits.Name) ?? RequestLimits.TooLong("correlationKey", body.CorrelationKey, RequestLimits.Name)) is { } tooLong)
        {
            return tooLong;
        }

        var correlated = await workflows.CorrelateMessageAsync(body.Name, body.CorrelationKey, body.Variables, user.ToActor(), cancellationToken).ConfigureAwait(false);
        if (correlated.Count == 0)
        {
            return TypedResults.Problem(
                title: "Nothing waits for this message",
                detail: $"No instance waits for message '{body.Name}'" + (body.CorrelationKey is null ? "" : $" with correlation key '{body.CorrelationKey}'") + " and no process starts with it; the message was not kept.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(new CorrelatedResponse(correlated));
    }
}
