using Microsoft.Playwright;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, headless, for tests that use the service as a person would (email-action
/// pages now; the designer and the inbox later). Playwright's own browser downloads are never used: the browser is
/// <c>/usr/bin/chromium</c> (or <c>ORCHESTRATOR_CHROMIUM</c>). When it is missing and the tests run as root, the
/// Debian package <c>chromium</c> is installed; otherwise the tests fail saying what to install (never a skip).
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>The flags this machine's closed network and a root user need (see the ground rules).</summary>
    public static readonly IReadOnlyList<string> Flags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium executable in use.</summary>
    public string Executable { get; private set; } = "";

    /// <summary>The browser (one per test collection; each test opens its own context).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not running.");

    /// <summary>Where screenshots go for review: <c>tests/Orchestrator.Tests/bin/screenshots/</c>.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "bin", "screenshots");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Executable = Environment.GetEnvironmentVariable("ORCHESTRATOR_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultExecutable;
        var log = "";
        if (!File.Exists(Executable) && OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            Console.Error.WriteLine("[ChromiumBrowser] Chromium not found; installing the Debian package 'chromium'.");
            var install = await PostgresCluster.RunAsync("/bin/sh",
                ["-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)"],
                asPostgres: false, TimeSpan.FromMinutes(10));
            log = install.Output;
        }

        if (!File.Exists(Executable))
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {Executable}{(ci ? " (CI=true)" : "")}, and it is not there. Install the Debian package 'chromium' "
                + "(apt-get install -y chromium) or set ORCHESTRATOR_CHROMIUM to a Chromium executable. Playwright's own browser downloads are not used. " + log);
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Flags,
        });
    }

    /// <summary>A fresh page in its own context (no cookies shared between tests), with the page's console errors collected.</summary>
    /// <param name="locale">The browser's language (it sends it as Accept-Language).</param>
    public async Task<BrowserPage> NewPageAsync(string locale = "es-MX")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 900, Height = 1000 } });
        var page = await context.NewPageAsync();
        var result = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                result.ConsoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => result.ConsoleErrors.Add(error);
        return result;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>One page of a test, in its own browser context.</summary>
/// <param name="Context">The context (cookies, language).</param>
/// <param name="Page">The page.</param>
public sealed record BrowserPage(IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    /// <summary>Console errors and uncaught exceptions of the page (a CSP violation shows here).</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Saves a full-page screenshot to <see cref="ChromiumBrowser.ScreenshotDirectory"/> and returns its path.</summary>
    /// <param name="name">The file name without extension.</param>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ChromiumBrowser.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>The xunit collection that shares one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<ChromiumBrowser>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Browser";
}
