using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web;

/// <summary>
/// Idle sign-out (30 minutes by default) with a warning a minute before. Both clocks are virtual: the service's
/// (<see cref="WorkspaceFactory.Clock"/>, which the sign-in cookie's expiry reads) and the page's (Playwright's clock),
/// moved together, so the test takes seconds.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class IdleSignOutTests(ChromiumBrowser chromium) : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task The_warning_comes_a_minute_before_staying_renews_and_idling_signs_out()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await page.Clock.InstallAsync();
        await _service.SignInAsync(page, Roles.Psychologist);
        var warning = page.GetByRole(AriaRole.Dialog, new() { Name = "Su sesión está por cerrarse" });
        await Assertions.Expect(warning).ToBeHiddenAsync();

        // 29 minutes and 10 seconds without a request: the warning, with the focus on "stay signed in".
        await IdleAsync(page, TimeSpan.FromSeconds((29 * 60) + 10));
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning.GetByRole(AriaRole.Button, new() { Name = "Seguir conectado" })).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("workspace-idle-warning-es");

        // Staying renews the session on the server: 20 minutes later (31 after signing in) it is still open. The probe
        // reads the time left without renewing it (any other request would slide the session).
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(warning).ToBeHiddenAsync();
        await IdleAsync(page, TimeSpan.FromMinutes(20));
        var probe = await page.APIRequest.GetAsync(_service.BaseUrl + "/account/session");
        Assert.Equal(200, probe.Status);
        Assert.Equal(10 * 60, (await probe.JsonAsync())!.Value.GetProperty("secondsLeft").GetInt32());

        // Idle on: the warning again a minute before the end, then the sign-in page, which says why.
        await IdleAsync(page, TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(10));
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await IdleAsync(page, TimeSpan.FromMinutes(1));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Su sesión se cerró por inactividad." })).ToBeVisibleAsync();
        Assert.Contains("reason=idle", page.Url, StringComparison.Ordinal);
        var me = await page.APIRequest.GetAsync(_service.BaseUrl + "/account/me");
        Assert.Equal(401, me.Status);
    }

    private async Task IdleAsync(IPage page, TimeSpan time)
    {
        _service.Clock.Advance(time);
        await page.Clock.FastForwardAsync((long)time.TotalMilliseconds);
    }

    public void Dispose() => _service.Dispose();
}
