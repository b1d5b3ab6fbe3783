using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// Registers authentication (Identity cookie for people, API keys for programs), authorization, anti-forgery and the
/// data-protection keys that seal them. The routes are <see cref="AccountEndpoints.MapAccountEndpoints"/> (outside
/// <c>/api</c>) and <see cref="StaffEndpoints.MapStaffEndpoints"/> (under it).
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> when the request carries an API key, else to the Identity cookie.</summary>
    public const string SelectorScheme = "CookieOrApiKey";

    /// <summary>The request header that carries the anti-forgery token on cookie-authenticated posts.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "orchestrator.session";

    /// <summary>
    /// Adds Identity, the authentication schemes, the policies of <see cref="Policies"/>, anti-forgery and the
    /// data-protection key ring.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (the <c>Security</c> section; <c>Database:Provider</c> and the
    /// <c>Orchestrator:DataProtection*</c> settings for the key ring).</param>
    /// <param name="contentRootPath">The directory relative key and certificate paths are read from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
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
        AddKeyRing(services, configuration, contentRootPath);
        return services;
    }

    /// <summary>
    /// The keys that seal sign-in cookies, anti-forgery fields and email-action links: in the database on PostgreSQL
    /// and SQL Server, so that a link emailed by one node opens on another; in a folder beside the SQLite file
    /// otherwise (one node). Encrypted at rest with a certificate when one is configured.
    /// </summary>
    private static void AddKeyRing(IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Orchestrator");
        if (DatabaseProviders.Parse(configuration["Database:Provider"]) is DatabaseProvider.PostgreSql or DatabaseProvider.SqlServer)
        {
            dataProtection.PersistKeysToDbContext<OrchestratorDbContext>();
        }
        else
        {
            var keys = configuration.GetValue($"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.DataProtectionKeysPath)}", new OrchestratorOptions().DataProtectionKeysPath)!;
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys, contentRootPath)));
        }

        if (configuration[$"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.DataProtectionCertificatePath)}"] is { Length: > 0 } certificatePath)
        {
            // Encrypted at rest; the same certificate decrypts (a missing or wrong file stops the start-up naming it).
            var path = Path.GetFullPath(certificatePath, contentRootPath);
            var password = configuration[$"{OrchestratorOptions.Section}:{nameof(OrchestratorOptions.DataProtectionCertificatePassword)}"];
            System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
            try
            {
                certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Orchestrator:DataProtectionCertificatePath '{path}' cannot be read as a PKCS#12 file with its password: {e.Message}", e);
            }

            dataProtection.ProtectKeysWithCertificate(certificate);
        }
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
