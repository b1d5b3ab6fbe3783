namespace Orchestrator.Api;

/// <summary>Documents the <c>Idempotency-Key</c> header on the endpoints that accept it.</summary>
internal sealed class IdempotencyOpenApiTransformer : Microsoft.AspNetCore.OpenApi.IOpenApiOperationTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = IdempotencyFilter.Header,
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Required = false,
                Description = "Makes the command safe to repeat: the same key and request (per caller) replays the first successful answer instead of acting twice; the same key with another request answers 422.",
                Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = IdempotencyFilter.MaxKeyLength },
            });
        }

        return Task.CompletedTask;
    }
}
