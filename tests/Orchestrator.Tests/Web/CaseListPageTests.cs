using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;
using Orchestrator.Tests.Cases.CaseFiles;

namespace Orchestrator.Tests.Web;

/// <summary>
/// The cases list and the search for a child in Chromium: coordinators see every case with its overdue tasks and the
/// caseload per worker; caseworkers their own caseload; the search by name is a POST form, so no name reaches any URL
/// the browser asks for, and the results show the reference and the initials.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CaseListPageTests(ChromiumBrowser chromium) : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_coordinator_sees_every_case_with_its_overdue_tasks_and_the_caseload_per_worker()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        await scenario.ActorAsync(Roles.Educator);
        var placed = await scenario.RegisterAsync("Carla", "Tres", coordinator, educator: Roles.Educator);
        var waiting = await scenario.RegisterAsync("Darío", "Cuatro", coordinator, educator: Roles.Educator);
        await scenario.CompleteReferralAsync(placed, coordinator);
        _service.Clock.Advance(TimeSpan.FromHours(25));

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" }).GetByRole(AriaRole.Link, new() { Name = "Casos" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Casos", Level = 1 })).ToBeVisibleAsync();

        var cases = page.Locator("#cases");
        var late = cases.GetByRole(AriaRole.Row).Filter(new() { HasText = waiting.Reference });
        await Assertions.Expect(late).ToContainTextAsync("D. C.");
        await Assertions.Expect(late).ToContainTextAsync("Detección");
        await Assertions.Expect(late).ToContainTextAsync("1 vencida");
        await Assertions.Expect(late.Locator("svg.icon")).ToHaveCountAsync(1);
        await Assertions.Expect(cases.GetByRole(AriaRole.Row).Filter(new() { HasText = placed.Reference })).ToContainTextAsync("CAS de primera acogida (CAS de pruebas)");
        Assert.DoesNotContain("Carla", await page.ContentAsync(), StringComparison.Ordinal);
        var educator = page.Locator("#workers").GetByRole(AriaRole.Row).Filter(new() { HasText = Roles.Educator });
        await Assertions.Expect(educator.GetByRole(AriaRole.Cell).First).ToHaveTextAsync("2");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("case-list-es-1280");

        // By phase.
        await page.GetByLabel("Fase").SelectOptionAsync(new SelectOptionValue { Label = "Primera acogida" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Assertions.Expect(cases.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and the one case
        await Assertions.Expect(cases).ToContainTextAsync(placed.Reference);

        await page.SetViewportSizeAsync(375, 800);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("case-list-es-375");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload per worker" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task The_search_finds_a_child_by_name_and_no_name_reaches_any_url()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var marta = await scenario.RegisterAsync("Marta", "López Ajú", coordinator);
        await scenario.RegisterAsync("Martín", "Pérez", coordinator);

        await using var browser = await WorkspaceFactory.PageAsync(chromium, width: 375);
        var page = browser.Page;
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await _service.SignInAsync(page, Roles.Coordinator, "/cases");
        await page.GetByLabel("Nombre o folio").FillAsync("marta lopez");
        await page.GetByLabel("Nombre o folio").PressAsync("Enter");

        var results = page.GetByRole(AriaRole.Table, new() { Name = "Resultados de la búsqueda" });
        await Assertions.Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(results).ToContainTextAsync(marta.Reference);
        await Assertions.Expect(results).ToContainTextAsync("M. L. A.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Casos encontrados: 1" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("case-search-es-375");

        await results.GetByRole(AriaRole.Link, new() { Name = marta.Reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Expediente {marta.Reference}" })).ToBeVisibleAsync();

        // Every address the browser asked for, the search's included: no name in any of them.
        Assert.Contains(urls, u => u.Contains("handler=Search", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            var decoded = Uri.UnescapeDataString(url);
            Assert.DoesNotContain("marta", decoded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("lopez", decoded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("lópez", decoded, StringComparison.OrdinalIgnoreCase);
        }

        var search = Assert.Single(await scenario.AuditAsync("CaseSearch"));
        Assert.Equal(coordinator.Id, search.UserId);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_caseworker_sees_and_finds_only_the_cases_on_their_caseload()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var placed = await scenario.RegisterAsync("Carla", "Tres", coordinator);
        var waiting = await scenario.RegisterAsync("Darío", "Cuatro", coordinator);
        await scenario.CompleteReferralAsync(placed, coordinator);

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Psychologist, "/cases");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sus casos", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cases")).ToContainTextAsync(placed.Reference);
        await Assertions.Expect(page.Locator("#cases")).Not.ToContainTextAsync(waiting.Reference);
        await Assertions.Expect(page.Locator("#workers")).ToHaveCountAsync(0);

        await page.GetByLabel("Nombre o folio").FillAsync("Darío");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No encontramos casos con ese nombre o folio entre los que usted puede ver.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("case-list-caseworker-es-1280");
    }

    public void Dispose() => _service.Dispose();
}
