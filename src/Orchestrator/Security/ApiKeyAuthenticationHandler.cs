using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Orchestrator.Security;

/// <summary>
/// Authenticates programs by <c>Authorization: ApiKey &lt;key&gt;</c> against <see cref="SecurityOptions.ApiKeys"/>.
/// Keys are compared as SHA-256 digests in constant time, against every configured key (no early exit).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name, also the authentication type of the identities it makes.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The prefix of the Authorization header value.</summary>
    public const string HeaderPrefix = "ApiKey ";

    /// <summary>Whether a request carries an API key (and so is for this scheme).</summary>
    /// <param name="request">The request.</param>
    /// <returns><c>true</c> when the Authorization header starts with <c>ApiKey </c>.</returns>
    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = header[HeaderPrefix.Length..].Trim();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The ApiKey authorization header carries no key."));
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyOptions? match = null;
        foreach (var key in security.CurrentValue.ApiKeys)
        {
            // Every key is compared, whatever matched before, so the time taken says nothing about which key is close.
            if (CryptographicOperations.FixedTimeEquals(digest, DigestOf(key.Key)) && match is null)
            {
                match = key;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "apikey:" + match.Name),
            new(ClaimTypes.Name, match.Name),
        };
        claims.AddRange(match.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey";
        return Task.CompletedTask;
    }

    /// <summary>The SHA-256 digest a configured key stands for (<c>sha256:HEX</c> or the secret itself).</summary>
    /// <param name="configured">The configured key.</param>
    /// <returns>32 bytes.</returns>
    internal static byte[] DigestOf(string configured)
    {
        if (configured.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) && configured.Length == 7 + 64)
        {
            return Convert.FromHexString(configured.AsSpan(7));
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(configured));
    }
}
