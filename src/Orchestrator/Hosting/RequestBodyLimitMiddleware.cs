using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Orchestrator.Hosting;

/// <summary>
/// Answers 413 (problem details) for a request whose declared length exceeds <see cref="OrchestratorOptions.MaxRequestBodyBytes"/>,
/// and sets the server's body limit so a chunked body over the limit fails too (then 413 through <see cref="ApiExceptionHandler"/>).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<OrchestratorOptions> options)
{
    /// <summary>How much of a body over the limit the server still reads (and discards) so that the client gets the 413.</summary>
    internal const long DrainableBytes = 64L * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            // The client is still sending the body. Kestrel reads and discards what the app did not read once the
            // answer is written (for at most its drain timeout, 5 s) — but only within the body-size limit: with the
            // server's limit in place it aborts the connection instead, and a client that does not wait for
            // "100 Continue" gets a connection reset rather than this 413. So the discarded body may be up to
            // DrainableBytes; a larger one still ends in a reset, and the connection is never reused.
            if (length <= limit + DrainableBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } drain)
            {
                drain.MaxRequestBodySize = length;
            }

            context.Response.Headers.Connection = "close";
            await TypedResults.Problem(
                    title: "Request body too large",
                    detail: $"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.",
                    statusCode: StatusCodes.Status413PayloadTooLarge)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context).ConfigureAwait(false);
    }
}
