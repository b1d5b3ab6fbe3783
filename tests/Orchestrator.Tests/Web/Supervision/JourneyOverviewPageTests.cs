using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web.Supervision;

/// <summary>
/// The journeys overview in Chromium as a coordinator uses it: from the navigation to <c>child-journey</c>'s diagram,
/// where the badge on the referral counts the children waiting there, the same count in the table beside it, and a
/// click on the element lists those children's cases; on a phone and in English; axe-core on every page.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class JourneyOverviewPageTests(ChromiumBrowser chromium) : IDisposable
{
    private const string Journey = "Trayectoria de una niña, niño o adolescente (de la detección al cierre)";

    private const string JourneyInEnglish = "Journey of a child (detection to closure)";
    private const string Referral = "Canalizar a un CAS de primera acogida (nunca a detención)";

    private const string ReferralInEnglish = "Refer the child to a first reception CAS (never detention)";
    private const string Canvas = "#diagram [data-diagram-canvas]";

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_coordinator_sees_on_the_diagram_and_in_the_table_how_many_children_wait_at_the_referral_and_opens_their_cases()
    {
        var scenario = new SupervisionScenario(_service);
        var facility = await scenario.FacilityAsync();
        var cases = new List<(string Reference, string Instance)>();
        for (var i = 0; i < 5; i++)
        {
            var (id, reference) = await scenario.CaseAsync();
            cases.Add((reference, await scenario.StartChildJourneyAsync(id, reference)));
        }

        // Two children are referred and enter first reception; three wait at the referral.
        await scenario.ReferAsync(cases[3].Instance, facility);
        await scenario.ReferAsync(cases[4].Instance, facility);

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" }).GetByRole(AriaRole.Link, new() { Name = "Seguimiento" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seguimiento de los recorridos", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = Journey })).ToContainTextAsync("Versión 1: 5 en curso");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("supervision-journeys-es-1280");

        await page.GetByRole(AriaRole.Link, new() { Name = Journey, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Journey, Level = 1 })).ToBeVisibleAsync();
        Assert.Equal($"Recorrido: {Journey} · Casa Alianza México", await page.TitleAsync());

        // The table beside the diagram: its text alternative, with the same counts.
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = Referral })).ToContainTextAsync("3 en espera");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Registrar el plan de protección y restitución de derechos de la PPNNA" })).ToContainTextAsync("2 en espera");

        // The diagram: a badge with 3 on the referral task.
        await Assertions.Expect(page.Locator("#diagram")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".djs-overlays[data-container-id='Task_Referral'] .diagram-badge-count")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(".djs-overlays[data-container-id='Task_RestitutionPlan'] .diagram-badge-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator(".djs-overlays[data-container-id='Task_Referral'] .diagram-badge-incident")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Powered by bpmn.io" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await browser.ScreenshotAsync("supervision-journey-es-1280");

        // A click on the element's count lists the three children waiting there, by case reference.
        await page.Locator(".djs-overlays[data-container-id='Task_Referral'] .diagram-badge-count").ClickAsync();
        var list = page.GetByRole(AriaRole.Table, new() { Name = $"En espera en «{Referral}»" });
        await Assertions.Expect(list).ToBeVisibleAsync();
        foreach (var (reference, _) in cases.Take(3))
        {
            await Assertions.Expect(list.GetByRole(AriaRole.Row).Filter(new() { HasText = reference })).ToHaveCountAsync(1);
        }

        await Assertions.Expect(list.GetByRole(AriaRole.Row)).ToHaveCountAsync(4); // the header and three children
        Assert.DoesNotContain(cases[3].Reference, await list.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ximena", page.Url, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);

        // From the list to one child's journey: where it is now.
        await list.GetByRole(AriaRole.Link, new() { Name = $"Ver el recorrido de {cases[0].Reference}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Recorrido del folio {cases[0].Reference}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Referral })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#diagram")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("g.djs-element.is-active[data-element-id='Task_Referral']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("g.djs-connection.is-taken")).Not.ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await browser.ScreenshotAsync("supervision-instance-es-1280");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task The_overview_fits_a_phone_and_reads_in_English()
    {
        var scenario = new SupervisionScenario(_service);
        var (id, reference) = await scenario.CaseAsync();
        await scenario.StartChildJourneyAsync(id, reference);

        await using var phone = await WorkspaceFactory.PageAsync(chromium, width: 375);
        await _service.SignInAsync(phone.Page, Roles.Coordinator, "/supervision/journeys/child-journey");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = Referral })).ToContainTextAsync("1 en espera");
        await Assertions.Expect(phone.Page.Locator("#diagram")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);
        await Accessibility.AssertNoSeriousViolationsAsync(phone.Page, Canvas);
        await phone.ScreenshotAsync("supervision-journey-es-375");
        await phone.Page.GotoAsync(_service.BaseUrl + "/supervision");
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);
        await phone.ScreenshotAsync("supervision-journeys-es-375");

        // Find by case reference: typed and sent with Enter; the reference is posted, never in the address.
        await phone.Page.GetByLabel("Folio del expediente").FillAsync(reference);
        await phone.Page.GetByLabel("Folio del expediente").PressAsync("Enter");
        var found = phone.Page.GetByRole(AriaRole.Table, new() { Name = $"Recorridos del folio {reference}" });
        await Assertions.Expect(found.GetByRole(AriaRole.Row).Filter(new() { HasText = "child-journey" })).ToContainTextAsync("En curso");
        Assert.Equal(_service.BaseUrl + "/supervision/find", phone.Page.Url);
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);
        await Accessibility.AssertNoSeriousViolationsAsync(phone.Page);
        await found.GetByRole(AriaRole.Link, new() { Name = "Ver el recorrido child-journey" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = $"Recorrido del folio {reference}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Page.Locator("#diagram")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);
        await phone.ScreenshotAsync("supervision-instance-es-375");
        await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumBrowser.ScreenshotDirectory, "supervision-instance-top-es-375.png") });

        await using var english = await WorkspaceFactory.PageAsync(chromium, "en-US");
        await _service.SignInAsync(english.Page, Roles.Admin, "/supervision");
        await Assertions.Expect(english.Page.GetByRole(AriaRole.Heading, new() { Name = "Journey supervision", Level = 1 })).ToBeVisibleAsync();
        await english.Page.GetByRole(AriaRole.Link, new() { Name = JourneyInEnglish, Exact = true }).ClickAsync();
        await Assertions.Expect(english.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = ReferralInEnglish })).ToContainTextAsync("1 waiting");
        await Assertions.Expect(english.Page.Locator("#diagram")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(english.Page, Canvas);
        await english.ScreenshotAsync("supervision-journey-en-1280");

        // A click on the element itself (under its badge at this size) lists its instances too.
        await english.Page.Locator("g.djs-element[data-element-id='Task_Referral'] .djs-hit").DispatchEventAsync("click");
        await Assertions.Expect(english.Page.GetByRole(AriaRole.Table, new() { Name = $"Waiting at “{ReferralInEnglish}”" }).GetByRole(AriaRole.Row).Filter(new() { HasText = reference }))
            .ToHaveCountAsync(1);
    }

    public void Dispose() => _service.Dispose();
}
