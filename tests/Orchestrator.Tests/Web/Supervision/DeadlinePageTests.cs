using System.Text;
using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web.Supervision;

/// <summary>
/// Deadlines at risk in Chromium as a coordinator reads them: two children in first reception, one referred 39 days
/// ago and one today; the day-45 limit of the first falls in the 7-day window and is listed, the second's is beyond it and
/// is not — until the window is widened. Filters by case and by the person holding a task, the CSV export, a phone and
/// English, axe-core.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DeadlinePageTests(ChromiumBrowser chromium) : IDisposable
{
    private const string Day45 = "First reception (at most 45 days) — day 45: limit reached";

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task The_deadlines_page_lists_the_case_whose_day_45_falls_within_the_window_and_not_the_one_beyond_it()
    {
        var scenario = new SupervisionScenario(_service);
        var facility = await scenario.FacilityAsync();
        var (earlyCase, early) = await scenario.CaseAsync("Ana");
        var (lateCase, late) = await scenario.CaseAsync("Berta");
        var earlyInstance = await scenario.StartChildJourneyAsync(earlyCase, early);
        var lateInstance = await scenario.StartChildJourneyAsync(lateCase, late);
        await scenario.ReferAsync(earlyInstance, facility);
        _service.Clock.Advance(TimeSpan.FromDays(39));
        await scenario.FireDueTimersAsync();
        await scenario.ReferAsync(lateInstance, facility);
        await scenario.ClaimAsPersonAsync(Roles.SocialWorker, earlyInstance, "Task_FamilyTracing");

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator, "/supervision");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Seguimiento" }).GetByRole(AriaRole.Link, new() { Name = "Plazos por vencer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plazos por vencer", Level = 1 })).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Tareas abiertas y plazos de los recorridos, del más vencido al más lejano" });
        var earlyDay45 = table.GetByRole(AriaRole.Row).Filter(new() { HasText = early }).Filter(new() { HasText = Day45 });
        var lateDay45 = table.GetByRole(AriaRole.Row).Filter(new() { HasText = late }).Filter(new() { HasText = Day45 });
        await Assertions.Expect(earlyDay45).ToHaveCountAsync(1);
        await Assertions.Expect(earlyDay45).ToContainTextAsync("vence en 6 días");
        await Assertions.Expect(earlyDay45).ToContainTextAsync("CAS de primera acogida Tapachula");
        await Assertions.Expect(lateDay45).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("supervision-deadlines-es-1280");

        // A wider window brings the second child's limit in.
        await page.GetByLabel("Días hacia adelante").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Assertions.Expect(lateDay45).ToHaveCountAsync(1);
        await Assertions.Expect(lateDay45).ToContainTextAsync("vence en 45 días");

        // By case: only that child's; by the person holding a task: only the journeys where they hold one.
        await page.GetByLabel("Folio").FillAsync(late);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = early })).ToHaveCountAsync(0);
        await Assertions.Expect(lateDay45).ToHaveCountAsync(1);
        await page.GetByLabel("Folio").FillAsync("");
        await page.GetByLabel("Persona responsable").SelectOptionAsync(new SelectOptionValue { Label = Roles.SocialWorker });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Assertions.Expect(earlyDay45).ToHaveCountAsync(1);
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = late })).ToHaveCountAsync(0);
        await Assertions.Expect(earlyDay45).ToContainTextAsync(Roles.SocialWorker);

        // The export carries the same rows as the window, with the deadline in words.
        await page.GotoAsync(_service.BaseUrl + "/supervision/deadlines");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Descargar CSV" }).ClickAsync());
        Assert.StartsWith("plazos-", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        Assert.StartsWith("Vence,Vencido,Plazo,Folio,Recorrido,Responsable,Centro,Recorrido (id)", csv, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(early, StringComparison.Ordinal) && l.Contains(Day45, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(late, StringComparison.Ordinal) && l.Contains(Day45, StringComparison.Ordinal));
        Assert.DoesNotContain("Ana", csv, StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task The_deadlines_page_fits_a_phone_and_reads_in_English()
    {
        var scenario = new SupervisionScenario(_service);
        var (caseId, reference) = await scenario.CaseAsync();
        await scenario.StartChildJourneyAsync(caseId, reference);

        await using var phone = await WorkspaceFactory.PageAsync(chromium, width: 375);
        await _service.SignInAsync(phone.Page, Roles.Coordinator, "/supervision/deadlines");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference }).First).ToContainTextAsync("vence mañana");
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);
        await Accessibility.AssertNoSeriousViolationsAsync(phone.Page);
        await phone.ScreenshotAsync("supervision-deadlines-es-375");

        await using var english = await WorkspaceFactory.PageAsync(chromium, "en-US");
        await _service.SignInAsync(english.Page, Roles.Coordinator, "/supervision/deadlines?days=400");
        await Assertions.Expect(english.Page.GetByRole(AriaRole.Heading, new() { Name = "Deadlines at risk", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(english.Page.Locator("#days-error")).ToHaveTextAsync("Enter a number of days between 0 and 366. The next 7 are shown.");
        await Assertions.Expect(english.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference }).First).ToContainTextAsync("due tomorrow");
        await Accessibility.AssertNoSeriousViolationsAsync(english.Page);
        await english.ScreenshotAsync("supervision-deadlines-en-1280");
    }

    public void Dispose() => _service.Dispose();
}
