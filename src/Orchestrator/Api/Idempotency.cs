using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Api;

/// <summary>
/// <c>Idempotency-Key</c> on command endpoints (after the IETF draft <i>The Idempotency-Key HTTP Header Field</i>):
/// the first request with a key, per actor, runs and its successful (2xx) answer is stored in <c>idempotency_keys</c>;
/// a repeat with the same key and the same request (method, path, query, body) replays that answer without acting
/// (header <c>Idempotency-Replayed: true</c>); the same key with a different request answers 422; a repeat while the
/// first is still running answers 409. A request that did not succeed stores nothing, so it may be retried with the
/// same key (it changed nothing).
/// </summary>
internal sealed class IdempotencyFilter(IServiceScopeFactory scopes, TimeProvider time, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header set on a replayed answer.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    private const int Pending = 0;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await next(context).ConfigureAwait(false);
        }

        if (key.Length > MaxKeyLength)
        {
            return TypedResults.Problem(title: "Invalid Idempotency-Key", detail: $"The Idempotency-Key header is longer than {MaxKeyLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        var actor = http.User.ToActor().Id;
        var hash = await HashRequestAsync(http.Request).ConfigureAwait(false);

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var earlier = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key && r.Actor == actor, http.RequestAborted).ConfigureAwait(false);
            if (earlier is null)
            {
                db.IdempotencyKeys.Add(new IdempotencyRecord { Key = key, Actor = actor, RequestHash = hash, ResponseStatus = Pending, CreatedAt = time.GetUtcNow() });
                try
                {
                    await db.SaveChangesAsync(http.RequestAborted).ConfigureAwait(false);
                }
                catch (DbUpdateException)
                {
                    // Another request with the same key got there first.
                    db.ChangeTracker.Clear();
                    earlier = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key && r.Actor == actor, http.RequestAborted).ConfigureAwait(false);
                    if (earlier is null)
                    {
                        throw;
                    }
                }
            }

            if (earlier is not null)
            {
                return Answer(earlier, hash, http);
            }
        }

        return await RunAndRememberAsync(context, next, key, actor).ConfigureAwait(false);
    }

    private static object Answer(IdempotencyRecord earlier, string hash, HttpContext http)
    {
        if (!string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different request (method, path or body); use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        if (earlier.ResponseStatus == Pending)
        {
            return TypedResults.Problem(
                title: "Request in progress",
                detail: "A request with this Idempotency-Key is still being processed (or was interrupted by a restart): retry later, "
                    + "or check its effect and use a new key.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var stored = JsonSerializer.Deserialize<StoredResponse>(earlier.ResponseBody ?? "{}", StoredJson) ?? new StoredResponse(null, null, null);
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }

        return stored.Body is null
            ? TypedResults.StatusCode(earlier.ResponseStatus)
            : TypedResults.Content(stored.Body, stored.ContentType ?? "application/json", System.Text.Encoding.UTF8, earlier.ResponseStatus);
    }

    private async Task<object?> RunAndRememberAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string key, string actor)
    {
        var http = context.HttpContext;
        var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var remembered = false;
        try
        {
            var result = await next(context).ConfigureAwait(false);

            // The answer is written to a buffer, kept when it succeeded, then copied to the real response.
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
            await ToResult(result).ExecuteAsync(http).ConfigureAwait(false);
            http.Features.Set(original);

            var status = http.Response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var body = buffer.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                var location = http.Response.Headers.Location.ToString();
                var stored = new StoredResponse(http.Response.ContentType, location.Length == 0 ? null : location, body);
                await UpdateAsync(key, actor, record =>
                {
                    record.ResponseStatus = status;
                    record.ResponseBody = JsonSerializer.Serialize(stored, StoredJson);
                }).ConfigureAwait(false);
                remembered = true;
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original.Stream, http.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }
        finally
        {
            http.Features.Set(original);
            if (!remembered)
            {
                await ForgetAsync(key, actor).ConfigureAwait(false);
            }
        }
    }

    private async Task UpdateAsync(string key, string actor, Action<IdempotencyRecord> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var record = await db.IdempotencyKeys.SingleAsync(r => r.Key == key && r.Actor == actor, CancellationToken.None).ConfigureAwait(false);
        change(record);
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ForgetAsync(string key, string actor)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            await db.IdempotencyKeys.Where(r => r.Key == key && r.Actor == actor && r.ResponseStatus == Pending)
                .ExecuteDeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Failing to release a key must not hide the request's own outcome.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Hosting.HostLog.IdempotencyReleaseFailed(logger, e, key, actor);
        }
    }

    private static IResult ToResult(object? result) => result switch
    {
        IResult r => r,
        null => TypedResults.Empty,
        string s => TypedResults.Text(s),
        _ => TypedResults.Json(result),
    };

    /// <summary>SHA-256 (hex) of method, path, query and body. The body was buffered by <see cref="EnableBuffering"/>.</summary>
    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(chunk, 0, read);
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Middleware step: buffers the body of requests that carry an Idempotency-Key, so the filter can hash it after binding.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>The pipeline's task.</returns>
    public static Task EnableBuffering(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.ContainsKey(Header))
        {
            context.Request.EnableBuffering();
        }

        return next(context);
    }

    private sealed record StoredResponse(string? ContentType, string? Location, string? Body);

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);
}

/// <summary>Marks an endpoint that accepts <c>Idempotency-Key</c> (for the OpenAPI document).</summary>
internal sealed class IdempotentMetadata
{
    public static IdempotentMetadata Instance { get; } = new();
}

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
