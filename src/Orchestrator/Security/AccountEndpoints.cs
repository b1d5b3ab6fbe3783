using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Orchestrator.Security;

/// <summary>
/// Sign-in for programs and scripts: <c>POST /account/login</c> (JSON <c>{"userName","password"}</c>; locks the account
/// out after 5 failures), <c>POST /account/logout</c>, <c>GET /account/antiforgery</c> (the token for cookie posts),
/// <c>GET /account/me</c>, and the idle-warning probe <c>/account/session</c>. The sign-in page itself is a Razor page
/// (<c>Web/Account/Login</c>) at the same address.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The sign-in page and endpoint.</summary>
    public const string LoginPath = "/account/login";

    /// <summary>Sign-out.</summary>
    public const string LogoutPath = "/account/logout";

    /// <summary>The pages' idle-warning probe: <c>GET</c> reads the seconds left, <c>POST</c> renews the session.</summary>
    public const string SessionPath = "/account/session";

    /// <summary>Where a client gets the anti-forgery token.</summary>
    public const string AntiforgeryPath = "/account/antiforgery";

    /// <summary>Sign-in request.</summary>
    /// <param name="UserName">The user name.</param>
    /// <param name="Password">The password.</param>
    public sealed record LoginRequest(string? UserName, string? Password);

    /// <summary>The signed-in caller.</summary>
    /// <param name="Id">Actor id.</param>
    /// <param name="UserName">Name.</param>
    /// <param name="Roles">Roles.</param>
    public sealed record CallerResponse(string Id, string UserName, IReadOnlyList<string> Roles);

    /// <summary>The time left before the idle sign-out.</summary>
    /// <param name="SecondsLeft">Seconds.</param>
    public sealed record SessionResponse(long SecondsLeft);

    /// <summary>An anti-forgery token and the header to send it in.</summary>
    /// <param name="Token">The request token.</param>
    /// <param name="HeaderName">The header name.</param>
    public sealed record AntiforgeryResponse(string Token, string HeaderName);

    /// <summary>Maps the account endpoints (<c>/account/…</c>, outside the <c>/api</c> group: the sign-in cookie's own routes).</summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Account");

        // The sign-in page (GET, and its form's POST) is a Razor page at the same address (Web/Account/Login); this
        // endpoint takes only JSON, so routing sends each request to the one that accepts its content type.
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithMetadata(AntiforgeryRequiredMetadata.Instance)
            .Accepts<LoginRequest>("application/json")
            .WithSummary("Sign in with a user name and password (cookie). Send the anti-forgery token from GET /account/antiforgery.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithSummary("Sign out (a page's sign-out form is sent on to the sign-in page).");
        group.MapGet("/session", SessionAsync).RequireAuthorization(Policies.AnyRole).ExcludeFromDescription();
        group.MapPost("/session", RenewSessionAsync).RequireAuthorization(Policies.AnyRole).ExcludeFromDescription();
        group.MapGet("/antiforgery", GetAntiforgeryToken).AllowAnonymous()
            .WithSummary("The anti-forgery token to send in the X-CSRF-TOKEN header of cookie-authenticated posts (fetch again after signing in).");
        group.MapGet("/me", Me).RequireAuthorization(Policies.AnyRole)
            .WithSummary("The signed-in caller and their roles.");
        app.MapOwnPasswordEndpoint();
        return group;
    }

    private static Ok<AntiforgeryResponse> GetAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryResponse(tokens.RequestToken!, SecurityServiceCollectionExtensions.AntiforgeryHeader));
    }

    private static Ok<CallerResponse> Me(ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        return TypedResults.Ok(new CallerResponse(actor.Id, actor.DisplayName, [.. actor.Roles.Order(StringComparer.Ordinal)]));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, StaffSignIn signIn)
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return context.Request.HasFormContentType
            ? TypedResults.LocalRedirect(LoginPath + "?signedOut=1")
            : TypedResults.NoContent();
    }

    private static async Task<IResult> LoginAsync(HttpContext context, StaffSignIn signIn)
    {
        LoginRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<LoginRequest>(context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(title: "Malformed JSON", detail: $"The sign-in body is not valid JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(request?.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["userName"] = ["userName and password are required."] },
                title: "userName and password are required.");
        }

        var outcome = await signIn.SignInAsync(request.UserName, request.Password).ConfigureAwait(false);
        if (outcome == SignInOutcome.SignedIn)
        {
            var users = context.RequestServices.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByNameAsync(request.UserName).ConfigureAwait(false);
            var roles = user is null ? [] : await users.GetRolesAsync(user).ConfigureAwait(false);
            return TypedResults.Ok(new CallerResponse(user?.Id ?? "", request.UserName, [.. roles.Order(StringComparer.Ordinal)]));
        }

        var detail = outcome == SignInOutcome.LockedOut
            ? $"The account is locked after {signIn.Options.MaxFailedSignIns} failed sign-ins; try again later or ask an administrator."
            : "The user name or password is wrong.";
        return TypedResults.Problem(title: outcome == SignInOutcome.LockedOut ? "Account locked out" : "Sign-in failed", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Whether <paramref name="request"/> is the pages' idle-warning probe, or another request a page makes by itself
    /// (an endpoint with <see cref="SessionPassiveMetadata"/>), which must not renew the session.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns><c>true</c> for <c>GET /account/session</c> and the passive endpoints.</returns>
    public static bool IsSessionProbe(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) && request.Path.Equals(SessionPath, StringComparison.OrdinalIgnoreCase))
            || request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<SessionPassiveMetadata>() is not null;
    }

    /// <summary>The seconds left before the idle sign-out, read from the cookie (without renewing it).</summary>
    private static async Task<Ok<SessionResponse>> SessionAsync(HttpContext context, TimeProvider time)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        var expires = result.Properties?.ExpiresUtc;
        var left = expires is null ? 0 : Math.Max(0, (long)(expires.Value - time.GetUtcNow()).TotalSeconds);
        return TypedResults.Ok(new SessionResponse(left));
    }

    /// <summary>
    /// Renews the session (the "stay signed in" button of the idle warning): the same sign-in, issued again now, so it
    /// lasts another <see cref="SecurityOptions.IdleTimeout"/>. (Identity's RefreshSignInAsync would keep the old expiry.)
    /// </summary>
    private static async Task<Ok<SessionResponse>> RenewSessionAsync(HttpContext context, IOptions<SecurityOptions> security)
    {
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        if (current is { Succeeded: true, Principal: { } principal, Properties: { } properties })
        {
            properties.IssuedUtc = null;
            properties.ExpiresUtc = null;
            await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, properties).ConfigureAwait(false);
        }

        return TypedResults.Ok(new SessionResponse((long)security.Value.IdleTimeout.TotalSeconds));
    }

    /// <summary>Whether <paramref name="url"/> is an address on this site (a path, not <c>//host</c>), safe to return to after sign-in.</summary>
    /// <param name="url">The address.</param>
    /// <returns><c>true</c> for a local path.</returns>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
