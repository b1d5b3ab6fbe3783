using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Security;

namespace Orchestrator.Web.Common;

/// <summary>
/// What the shared layout shows around every page: the organisation's name and logo, the navigation the person's roles
/// open (Bandeja, Casos, Seguimiento, Diseñador, Administración), who is signed in, the language, and the idle
/// sign-out times the warning script needs.
/// </summary>
public sealed class WorkspaceChrome(
    IHttpContextAccessor http,
    IAuthorizationService authorization,
    IOptions<OrganisationOptions> organisation,
    IOptions<SecurityOptions> security,
    IStringLocalizer<SharedText> text)
{
    /// <summary>The areas of the workspace, in the order the navigation shows them, with the policy that opens each.</summary>
    private static readonly (string Path, string TextKey, string Policy)[] Areas =
    [
        (WorkspacePaths.Inbox, "Nav_Inbox", Policies.Casework),
        (WorkspacePaths.Cases, "Nav_Cases", Policies.CasesRead),
        (WorkspacePaths.Supervision, "Nav_Supervision", Policies.Supervise),
        (WorkspacePaths.Administration, "Nav_Administration", Policies.Audit),
        (WorkspacePaths.Designer, "Nav_Designer", Policies.Design),
    ];

    /// <summary>The organisation's name (<c>Organisation:Name</c>).</summary>
    public string OrganisationName => organisation.Value.Name;

    /// <summary>Whether a logo is configured (served at <see cref="WorkspacePaths.Logo"/>).</summary>
    public bool HasLogo => OrganisationLogo.Find(organisation.Value) is not null;

    /// <summary>The signed-in person's name, or <c>null</c> on the sign-in and error pages of a visitor.</summary>
    public string? PersonName => User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;

    /// <summary>Whether a person (not a program) is signed in: the layout then shows the navigation and sign-out.</summary>
    public bool SignedIn => PersonName is not null;

    /// <summary>The page's language, <c>es</c> or <c>en</c> (the <c>lang</c> attribute).</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "es";

    /// <summary>The other language, offered by the language button.</summary>
    public static CultureInfo OtherCulture => Language == "en" ? WebWorkspace.Cultures[0] : WebWorkspace.Cultures[1];

    /// <summary>Seconds of inactivity before the sign-out.</summary>
    public long IdleTimeoutSeconds => (long)security.Value.IdleTimeout.TotalSeconds;

    /// <summary>Seconds before the sign-out that the warning shows.</summary>
    public long IdleWarningSeconds => (long)security.Value.IdleWarning.TotalSeconds;

    /// <summary>The page's title for the browser tab: the page's own words, then the organisation (never a child's name).</summary>
    /// <param name="pageTitle">The page's title.</param>
    /// <returns>The tab title.</returns>
    public string TabTitle(string? pageTitle) => string.IsNullOrEmpty(pageTitle) ? OrganisationName : $"{pageTitle} · {OrganisationName}";

    /// <summary>The navigation the person may use, the current area marked.</summary>
    /// <returns>The links, in order.</returns>
    public async Task<IReadOnlyList<NavigationLink>> NavigationAsync()
    {
        if (!SignedIn)
        {
            return [];
        }

        var path = http.HttpContext?.Request.Path.Value ?? "/";
        var links = new List<NavigationLink>();
        foreach (var (area, key, policy) in Areas)
        {
            if ((await authorization.AuthorizeAsync(User, policy).ConfigureAwait(false)).Succeeded)
            {
                var current = area == "/" ? path == "/" || path.StartsWith("/tasks", StringComparison.OrdinalIgnoreCase) : path.StartsWith(area, StringComparison.OrdinalIgnoreCase);
                links.Add(new NavigationLink(area, text[key], current));
            }
        }

        return links;
    }

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();
}
