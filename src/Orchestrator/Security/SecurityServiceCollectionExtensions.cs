using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>Registers authentication (Identity cookie for people, API keys for programs), authorization and anti-forgery.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> when the request carries an API key, else to the Identity cookie.</summary>
    public const string SelectorScheme = "CookieOrApiKey";

    /// <summary>The request header that carries the anti-forgery token on cookie-authenticated posts.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "orchestrator.session";

    /// <summary>Adds Identity, the authentication schemes, the policies of <see cref="Policies"/> and anti-forgery.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (the <c>Security</c> section).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrchestratorSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();

        services.AddIdentityCore<StaffUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OrchestratorDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = security.Value.LockoutDuration;
            identity.Password.RequiredLength = 12;
            identity.User.RequireUniqueEmail = false;
            identity.SignIn.RequireConfirmedAccount = false;
        });

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Identity cookie or API key", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.Carries(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: "API key", configureOptions: null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = AccountEndpoints.LoginPath;
            cookie.LogoutPath = AccountEndpoints.LogoutPath;
            cookie.AccessDeniedPath = AccountEndpoints.LoginPath;

            // Programs and the API get status codes (turned into problem details), browsers asking for a page get the login page.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // Idle sign-out: the cookie lives for Security:IdleTimeout after the last request that renewed it. The session
        // probe of the pages' idle warning (GET /account/session) reads the time left without renewing it.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((cookie, security) =>
            {
                cookie.ExpireTimeSpan = security.Value.IdleTimeout;
                cookie.Events.OnCheckSlidingExpiration = context =>
                {
                    context.ShouldRenew &= !AccountEndpoints.IsSessionProbe(context.HttpContext.Request);
                    return Task.CompletedTask;
                };
                var validate = cookie.Events.OnValidatePrincipal;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    await validate(context).ConfigureAwait(false);
                    if (AccountEndpoints.IsSessionProbe(context.HttpContext.Request))
                    {
                        context.ShouldRenew = false;
                    }
                };
            });

        // A person whose roles changed or whose account was locked (someone who left) is signed out within a minute:
        // the cookie's security stamp is compared with the account's that often (Identity's default is 30 minutes).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "orchestrator.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddOrchestratorPolicies();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<StaffAdministration>();
        services.AddScoped<StaffSignIn>();
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        var wantsPage = HttpMethods.IsGet(request.Method)
            && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsPage && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
