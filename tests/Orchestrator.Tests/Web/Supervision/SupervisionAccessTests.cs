using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web.Supervision;

/// <summary>
/// Who may open the supervision and administration pages: a social worker gets the 403 page on every one of them and
/// sees neither in the navigation; a coordinator opens supervision but not administration; the API answers the same.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SupervisionAccessTests(ChromiumBrowser chromium) : IDisposable
{
    private static readonly string[] SupervisionPages =
    [
        "/supervision", "/supervision/journeys/child-journey", "/supervision/instances/any", "/supervision/find", "/supervision/deadlines",
        "/supervision/deadlines?handler=Csv", "/supervision/incidents",
    ];

    private static readonly string[] AdministrationPages =
    [
        "/administration", "/administration/staff", "/administration/staff/new", "/administration/staff/any", "/administration/outbox",
        "/administration/outbox/" + Guid.Empty, "/administration/audit", "/administration/audit?handler=Csv",
    ];

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_social_worker_gets_403_on_every_supervision_and_administration_page()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.SocialWorker);
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Bandeja" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Seguimiento" })).ToHaveCountAsync(0);
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Administración" })).ToHaveCountAsync(0);
        foreach (var path in SupervisionPages.Concat(AdministrationPages))
        {
            var response = await page.GotoAsync(_service.BaseUrl + path);
            Assert.True(response!.Status == 403, $"{path}: {response.Status}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // A form post is refused the same way (the anti-forgery token is there; the role is not).
        var scenario = new SupervisionScenario(_service);
        using var api = scenario.Client(Roles.SocialWorker);
        foreach (var path in new[] { "/api/journeys", "/api/deadlines", "/api/audit", "/api/journeys/child-journey/overview" })
        {
            Assert.True((await api.GetAsync(path)).StatusCode == System.Net.HttpStatusCode.Forbidden, path);
        }
    }

    [Fact]
    public async Task A_coordinator_opens_supervision_but_not_administration()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator);
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Seguimiento" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Administración" })).ToHaveCountAsync(0);
        // (The CSV export is a download, not a page: the browser does not show it.)
        foreach (var path in SupervisionPages.Where(p => !p.Contains("instances/any", StringComparison.Ordinal) && !p.Contains("Csv", StringComparison.Ordinal)))
        {
            var response = await page.GotoAsync(_service.BaseUrl + path);
            Assert.True(response!.Status == 200, $"{path}: {response.Status}");
        }

        Assert.Equal(404, (await page.GotoAsync(_service.BaseUrl + "/supervision/instances/any"))!.Status);
        foreach (var path in AdministrationPages)
        {
            Assert.True((await page.GotoAsync(_service.BaseUrl + path))!.Status == 403, path);
        }
    }

    public void Dispose() => _service.Dispose();
}
