using Microsoft.AspNetCore.Antiforgery;

namespace Orchestrator.Security;

/// <summary>
/// Validates the anti-forgery token (header <c>X-CSRF-TOKEN</c> or form field) on every state-changing request that a
/// sign-in cookie authenticated, and on endpoints marked with <see cref="AntiforgeryRequiredMetadata"/>. Requests
/// authenticated by API key carry no ambient credential and are exempt. A missing or invalid token answers 400.
/// Runs after authorization, so a caller without credentials still gets 401 and one without the role 403.
/// </summary>
internal sealed class AntiforgeryValidationMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)
            || ApiKeyAuthenticationHandler.Carries(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var cookieUser = context.User.Identity is { IsAuthenticated: true } identity
            && identity.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName;
        var required = context.GetEndpoint()?.Metadata.GetMetadata<AntiforgeryRequiredMetadata>() is not null;
        if (!cookieUser && !required)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            await TypedResults.Problem(
                    title: "Anti-forgery token missing or invalid",
                    detail: $"A state-changing request signed in with a cookie must carry the anti-forgery token in the {SecurityServiceCollectionExtensions.AntiforgeryHeader} header "
                        + $"(or the form field); get one from GET {AccountEndpoints.AntiforgeryPath} after signing in. Programs using an API key are exempt.",
                    statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
