using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Orchestrator.Hosting;

namespace Orchestrator.Api;

/// <summary>
/// Registers what every JSON route shares: problem details, the exception handler, JSON settings and OpenAPI (the
/// <c>Idempotency-Key</c> store itself is <see cref="IdempotencyServiceCollectionExtensions.AddIdempotencyKeys"/>). The routes are <see cref="ApiEndpoints.MapOrchestratorApi"/> and each feature's
/// <c>Map…Endpoints</c> on the group it returns.
/// </summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds problem details (with the request path and trace id), <see cref="ApiExceptionHandler"/>, bad-request
    /// exceptions from route handlers (turned into 400 problems), enums as camelCase strings, and the OpenAPI document
    /// with its security schemes and <c>Idempotency-Key</c> header.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrchestratorApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<OpenApiSecurityTransformer>();
            options.AddOperationTransformer<IdempotencyOpenApiTransformer>();
        });
        return services;
    }
}
