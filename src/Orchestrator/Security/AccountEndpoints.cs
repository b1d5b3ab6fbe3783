using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Orchestrator.Security;

/// <summary>
/// Sign-in for people: <c>GET /account/login</c> (a minimal page), <c>POST /account/login</c> (JSON
/// <c>{"userName","password"}</c> or the page's form; locks the account out after 5 failures),
/// <c>POST /account/logout</c>, <c>GET /account/antiforgery</c> (the token for cookie posts) and <c>GET /account/me</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The sign-in page and endpoint.</summary>
    public const string LoginPath = "/account/login";

    /// <summary>Sign-out.</summary>
    public const string LogoutPath = "/account/logout";

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

    /// <summary>An anti-forgery token and the header to send it in.</summary>
    /// <param name="Token">The request token.</param>
    /// <param name="HeaderName">The header name.</param>
    public sealed record AntiforgeryResponse(string Token, string HeaderName);

    /// <summary>Maps the account endpoints.</summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Account");

        group.MapGet("/login", LoginPage).AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithMetadata(AntiforgeryRequiredMetadata.Instance)
            .Accepts<LoginRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Sign in with a user name and password (cookie). Send the anti-forgery token from GET /account/antiforgery.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithSummary("Sign out.");
        group.MapGet("/antiforgery", GetAntiforgeryToken).AllowAnonymous()
            .WithSummary("The anti-forgery token to send in the X-CSRF-TOKEN header of cookie-authenticated posts (fetch again after signing in).");
        group.MapGet("/me", Me).RequireAuthorization(Policies.AnyRole)
            .WithSummary("The signed-in caller and their roles.");
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

    private static async Task<NoContent> LogoutAsync(SignInManager<StaffUser> signIn)
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> LoginAsync(HttpContext context, SignInManager<StaffUser> signIn, IOptions<SecurityOptions> security, ILoggerFactory loggers)
    {
        var form = context.Request.HasFormContentType;
        LoginRequest? request;
        string? returnUrl = null;
        if (form)
        {
            var fields = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            request = new LoginRequest(fields["userName"], fields["password"]);
            returnUrl = fields["returnUrl"];
        }
        else if (context.Request.HasJsonContentType())
        {
            try
            {
                request = await context.Request.ReadFromJsonAsync<LoginRequest>(context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return TypedResults.Problem(title: "Malformed JSON", detail: $"The sign-in body is not valid JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        else
        {
            return TypedResults.Problem(title: "Unsupported content type", detail: "Send application/json {\"userName\",\"password\"} or the sign-in form.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (string.IsNullOrEmpty(request?.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["userName"] = ["userName and password are required."] },
                title: "userName and password are required.");
        }

        var userName = request.UserName;
        var result = await signIn.PasswordSignInAsync(userName, request.Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        var logger = loggers.CreateLogger(typeof(AccountEndpoints));
        if (result.Succeeded)
        {
            Hosting.HostLog.SignedIn(logger, userName);
            if (form)
            {
                return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            }

            var user = await signIn.UserManager.FindByNameAsync(request.UserName).ConfigureAwait(false);
            var roles = user is null ? [] : await signIn.UserManager.GetRolesAsync(user).ConfigureAwait(false);
            return TypedResults.Ok(new CallerResponse(user?.Id ?? "", request.UserName, [.. roles.Order(StringComparer.Ordinal)]));
        }

        string detail;
        if (result.IsLockedOut)
        {
            Hosting.HostLog.LockedOut(logger, userName);
            detail = $"The account is locked after {security.Value.MaxFailedSignIns} failed sign-ins; try again later or ask an administrator.";
        }
        else
        {
            Hosting.HostLog.SignInFailed(logger, userName);
            detail = "The user name or password is wrong.";
        }

        if (form)
        {
            return TypedResults.Redirect($"{LoginPath}?failed=1&returnUrl={WebUtility.UrlEncode(returnUrl ?? "/")}");
        }

        return TypedResults.Problem(title: result.IsLockedOut ? "Account locked out" : "Sign-in failed", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static ContentHttpResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? failed)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var error = failed is null ? "" : "<p role=\"alert\">Sign-in failed: wrong user name or password, or the account is locked.</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in · Orchestrator</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.3rem 0}input,button{padding:.5rem;font-size:1rem}p[role=alert]{color:#a00}</style>
            </head>
            <body>
            <h1>Orchestrator</h1>
            {{error}}
            <form method="post" action="{{LoginPath}}">
            <input type="hidden" name="{{WebUtility.HtmlEncode(tokens.FormFieldName)}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(target)}}">
            <label for="userName">User name</label><input id="userName" name="userName" autocomplete="username" required autofocus>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
