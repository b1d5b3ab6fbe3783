using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Orchestrator.Hosting;

/// <summary>
/// Answers 413 (problem details) for a request whose declared length exceeds <see cref="OrchestratorOptions.MaxRequestBodyBytes"/>,
/// and sets the server's body limit so a chunked body over the limit fails too (then 413 through <see cref="ApiExceptionHandler"/>).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<OrchestratorOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
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
