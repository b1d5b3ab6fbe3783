using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Browser;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Web;

/// <summary>
/// The real service with the repository's journeys and forms (<c>workflows/</c>) and templates, on Kestrel on a free
/// loopback port, for tests that use the pages in Chromium as a person would. The clock is virtual (it starts at the
/// real now, so cookies behave as in life, and a test can move it: idle sign-out, deadlines). People are created per
/// role with a known password the first time a test signs one in.
/// </summary>
public sealed class WorkspaceFactory : ApiFactory
{
    /// <summary>The password every person of these tests has.</summary>
    public const string Password = "Contraseña-de-prueba-1";

    private readonly Dictionary<string, string> _settings;
    private readonly ConcurrentDictionary<string, Task> _people = new(StringComparer.Ordinal);

    /// <summary>A service on SQLite; <paramref name="settings"/> override the defaults (e.g. <c>Security:IdleTimeout</c>).</summary>
    /// <param name="settings">More settings.</param>
    public WorkspaceFactory(IReadOnlyDictionary<string, string>? settings = null)
    {
        Port = ServiceProcess.FreePort();
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);

        // The journeys people use, not the API tests' fixtures.
        foreach (var fixture in Directory.GetFiles(WorkflowsDirectory, "*.bpmn"))
        {
            File.Delete(fixture);
        }

        var journeys = Path.Combine(RepositoryRoot, "workflows");
        foreach (var file in Directory.GetFiles(journeys, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(WorkflowsDirectory, Path.GetRelativePath(journeys, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        UseKestrel();
        StartServer();
    }

    /// <summary>The Kestrel port.</summary>
    public int Port { get; }

    /// <summary>The service's address.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The service's clock.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string> ExtraSettings
    {
        get
        {
            var all = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["urls"] = BaseUrl,
                ["Orchestrator:PublicBaseUrl"] = BaseUrl,
                ["Notifications:TemplatesPath"] = Path.Combine(RepositoryRoot, "templates"),

                // Mail stays in the outbox (a closed port): no test here waits for an SMTP server.
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = "1",
            };
            foreach (var (key, value) in _settings)
            {
                all[key] = value;
            }

            return all;
        }
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The person of a role (user name = the role's name), created once with <see cref="Password"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The user name.</returns>
    public async Task<string> PersonAsync(string role)
    {
        await _people.GetOrAdd(role, r => CreateUserAsync(r, r, Password));
        return role;
    }

    /// <summary>Opens the sign-in page in <paramref name="page"/> and signs in as the person of <paramref name="role"/>.</summary>
    /// <param name="page">The browser page.</param>
    /// <param name="role">The role.</param>
    /// <param name="path">Where to go first (the sign-in page sends the person back there).</param>
    public async Task SignInAsync(IPage page, string role, string path = "/")
    {
        var user = await PersonAsync(role);
        await page.GotoAsync(BaseUrl + "/account/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.Locator("#userName").FillAsync(user);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>A new browser page on this service, at a phone's or a desktop's width.</summary>
    /// <param name="chromium">The browser.</param>
    /// <param name="locale">The browser's language.</param>
    /// <param name="width">The viewport's width in CSS pixels (375: a phone).</param>
    public static async Task<BrowserPage> PageAsync(ChromiumBrowser chromium, string locale = "es-MX", int width = 1280)
    {
        var page = await chromium.NewPageAsync(locale);
        await page.Page.SetViewportSizeAsync(width, width < 600 ? 800 : 900);
        return page;
    }
}
