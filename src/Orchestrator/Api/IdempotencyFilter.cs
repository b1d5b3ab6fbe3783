using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Api;

/// <summary>
/// <c>Idempotency-Key</c> on command endpoints (after the IETF draft <i>The Idempotency-Key HTTP Header Field</i>):
/// the first request with a key, per actor, runs; a repeat with the same key and the same request (method, path, query,
/// body) replays its answer without acting (header <c>Idempotency-Replayed: true</c>); the same key with a different
/// request answers 422.
/// <para>
/// The record is written by <see cref="IdempotencyEffect"/> inside the command's own transaction, so the key and the
/// command's effect commit together or not at all: after a crash before the commit the retry runs (nothing happened),
/// after it the retry never acts again. The answer itself is added to the record right after the commit; a repeat that
/// finds the record without an answer (the first request is between its commit and that update, or the process died
/// there) waits briefly for it, then answers 409 saying the request was carried out. A command that writes no engine
/// change (a deployment) gets its record once it succeeded; a request that failed leaves no record.
/// </para>
/// </summary>
internal sealed class IdempotencyFilter(IServiceScopeFactory scopes, TimeProvider time, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header set on a replayed answer.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    /// <summary><see cref="IdempotencyRecord.ResponseStatus"/> of a record whose command committed and whose answer is not stored (yet).</summary>
    internal const int AnswerPending = 0;

    // How long a repeat waits for the answer of a first request that has committed (it is normally stored within milliseconds).
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AnswerPoll = TimeSpan.FromMilliseconds(50);

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
        if (await FindAsync(key, actor, http.RequestAborted).ConfigureAwait(false) is { } earlier)
        {
            return await AnswerAsync(earlier, hash, http).ConfigureAwait(false);
        }

        var current = http.RequestServices.GetRequiredService<IdempotencyScope>();
        current.Begin(key, actor, hash);
        try
        {
            return await RunAndRememberAsync(context, next, current).ConfigureAwait(false);
        }
        catch (IdempotentRepeatException e)
        {
            // Another request with this key committed while this one ran; this one's transaction was rolled back.
            return await FindAsync(key, actor, http.RequestAborted).ConfigureAwait(false) is { } winner
                ? await AnswerAsync(winner, hash, http).ConfigureAwait(false)
                : throw new InvalidOperationException($"Idempotency-Key '{key}' was reported as used but has no record.", e.InnerException ?? e);
        }
    }

    private async Task<IdempotencyRecord?> FindAsync(string key, string actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key && r.Actor == actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<object> AnswerAsync(IdempotencyRecord earlier, string hash, HttpContext http)
    {
        if (!string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different request (method, path or body); use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        // Only a young record can belong to a request still storing its answer; an old one lost it.
        var waitUntil = earlier.CreatedAt + AnswerWait;
        while (earlier.ResponseStatus == AnswerPending && time.GetUtcNow() < waitUntil)
        {
            await Task.Delay(AnswerPoll, time, http.RequestAborted).ConfigureAwait(false);
            earlier = await FindAsync(earlier.Key, earlier.Actor, http.RequestAborted).ConfigureAwait(false) ?? earlier;
        }

        if (earlier.ResponseStatus == AnswerPending)
        {
            return TypedResults.Problem(
                title: "Request already carried out",
                detail: $"The request with this Idempotency-Key was carried out at {earlier.CreatedAt:O}, but its answer was lost "
                    + "(the service stopped right after committing it). It will not be carried out again; read its effect "
                    + "(for example GET /api/instances/{id}) or use a new key for a new request.",
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

    private async Task<object?> RunAndRememberAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IdempotencyScope current)
    {
        var http = context.HttpContext;
        var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        try
        {
            var result = await next(context).ConfigureAwait(false);

            // The answer is written to a buffer, kept, then copied to the real response.
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
            await ToResult(result).ExecuteAsync(http).ConfigureAwait(false);
            http.Features.Set(original);

            var status = http.Response.StatusCode;

            // A command that committed keeps whatever it answered; one that changed nothing keeps only a success.
            if (current.Recorded || status is >= 200 and < 300)
            {
                var body = buffer.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                var location = http.Response.Headers.Location.ToString();
                var stored = JsonSerializer.Serialize(new StoredResponse(http.Response.ContentType, location.Length == 0 ? null : location, body), StoredJson);
                await RememberAnswerAsync(current, status, stored).ConfigureAwait(false);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original.Stream, http.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }
        finally
        {
            http.Features.Set(original);
        }
    }

    private async Task RememberAnswerAsync(IdempotencyScope current, int status, string stored)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            if (current.Recorded)
            {
                await db.IdempotencyKeys.Where(r => r.Key == current.Key && r.Actor == current.Actor && r.ResponseStatus == AnswerPending)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResponseStatus, status).SetProperty(r => r.ResponseBody, stored), CancellationToken.None)
                    .ConfigureAwait(false);
            }
            else
            {
                db.IdempotencyKeys.Add(new IdempotencyRecord
                {
                    Key = current.Key!,
                    Actor = current.Actor!,
                    RequestHash = current.RequestHash!,
                    ResponseStatus = status,
                    ResponseBody = stored,
                    CreatedAt = time.GetUtcNow(),
                });
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The command has committed: failing to keep its answer must not turn its success into an error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Hosting.HostLog.IdempotencyReleaseFailed(logger, e, current.Key!, current.Actor!);
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
