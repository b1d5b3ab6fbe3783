using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web;

/// <summary>
/// The inbox in Chromium: it refreshes by itself when someone else claims a task (no reload), it fits a phone in
/// Spanish and English with the task page, and saved views are shared with a group and changed by their owner only.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class InboxPageTests(ChromiumBrowser chromium) : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task The_inbox_updates_without_a_reload_when_another_browser_claims_a_task()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "sofia", "Sofía Campos", Roles.SocialWorker);
        await StaffJourney.StartAsync(_service, "CA-2026-0104");

        await using var watching = await WorkspaceFactory.PageAsync(chromium);
        await StaffJourney.SignInAsync(_service, watching.Page, "sara", "/?journey=" + StaffJourney.ProcessId);
        var row = watching.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0104" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(watching.Page.Locator("[data-count='all']")).ToHaveTextAsync("1");
        await watching.Page.EvaluateAsync("() => { window.__samePage = true; }");

        // Sara's pointer rests on the row, about to click.
        await row.GetByRole(AriaRole.Link).HoverAsync();

        await using var claiming = await WorkspaceFactory.PageAsync(chromium);
        await StaffJourney.SignInAsync(_service, claiming.Page, "sofia", "/?journey=" + StaffJourney.ProcessId);
        await claiming.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0104" }).GetByRole(AriaRole.Button, new() { Name = "Tomar tarea" }).ClickAsync();
        await Assertions.Expect(claiming.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tomó la tarea");

        // While the pointer is on the list nothing moves under it: the change is announced and waits.
        await Assertions.Expect(watching.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "Hay cambios en la bandeja: se mostrarán cuando retire el puntero o el foco de la lista.", new() { Timeout = 15_000 });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // The pointer leaves: the inbox drops the task Sofía took, and its count, without a reload, and says so.
        await watching.Page.GetByRole(AriaRole.Heading, new() { Name = "Bandeja de tareas" }).HoverAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(watching.Page.Locator("[data-count='all']")).ToHaveTextAsync("0");
        await Assertions.Expect(watching.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La bandeja se actualizó.");
        Assert.True(await watching.Page.EvaluateAsync<bool>("() => window.__samePage === true"), "the page was not reloaded");
        Assert.Empty(watching.ConsoleErrors);
    }

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("en-US", "en")]
    public async Task The_inbox_and_the_task_page_fit_a_phone_and_pass_axe(string locale, string language)
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0107");
        await using var browser = await WorkspaceFactory.PageAsync(chromium, locale, width: 375);
        var page = browser.Page;
        await StaffJourney.SignInAsync(_service, page, "sara");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = language == "es" ? "Bandeja de tareas" : "Inbox", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0107" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-count='all']")).Not.ToBeHiddenAsync();
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync($"staff-inbox-{language}-375");

        await page.GotoAsync(_service.BaseUrl + "/tasks/" + Uri.EscapeDataString(taskId));
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = language == "es" ? "Completar tarea" : "Complete task" })).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#task-diagram svg").First).ToBeVisibleAsync();
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "#task-diagram");
        await browser.ScreenshotAsync($"staff-task-{language}-375");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_saved_view_is_shared_with_a_group_shows_its_count_and_only_its_owner_may_delete_it()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "sofia", "Sofía Campos", Roles.SocialWorker);
        await StaffJourney.StartAsync(_service, "CA-2026-0108");
        _service.Clock.Advance(TimeSpan.FromMinutes(1)); // the second referral arrives a minute later
        await StaffJourney.StartAsync(_service, "CA-2026-0109");

        await using var owner = await WorkspaceFactory.PageAsync(chromium);
        var page = owner.Page;
        await StaffJourney.SignInAsync(_service, page, "sara");
        await page.GetByRole(AriaRole.Link, new() { Name = "De mis grupos (sin tomar)" }).ClickAsync();
        await page.GetByText("Filtrar y ordenar").ClickAsync();
        await page.GetByLabel("Proceso").SelectOptionAsync(StaffJourney.ProcessId);
        await page.GetByLabel("Ordenar por").SelectOptionAsync(new SelectOptionValue { Label = "Antigüedad (las más antiguas primero)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // the header and two tasks, oldest first
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("CA-2026-0108");

        await page.GetByText("Guardar esta vista").ClickAsync();
        await page.GetByLabel("Nombre de la vista").FillAsync("Ingresos sin tomar");
        await page.GetByLabel("Compartir con").SelectOptionAsync(new SelectOptionValue { Label = "Trabajo social" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar como vista nueva" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se guardó la vista «Ingresos sin tomar».");
        var saved = page.GetByRole(AriaRole.Region, new() { Name = "Vistas guardadas" });
        await Assertions.Expect(saved.GetByRole(AriaRole.Link, new() { Name = "Ingresos sin tomar" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(saved.Locator("[data-saved-count]")).ToHaveTextAsync("2");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await owner.ScreenshotAsync("staff-inbox-saved-view-es-1280");

        await using var member = await WorkspaceFactory.PageAsync(chromium);
        await StaffJourney.SignInAsync(_service, member.Page, "sofia");
        var shared = member.Page.GetByRole(AriaRole.Region, new() { Name = "Vistas guardadas" });
        await Assertions.Expect(shared).ToContainTextAsync("de Sara Trabajo, compartida con Trabajo social");
        await Assertions.Expect(shared.Locator("[data-saved-count]")).ToHaveTextAsync("2");
        await Assertions.Expect(shared.GetByRole(AriaRole.Button, new() { Name = "Eliminar" })).ToHaveCountAsync(0);
        await shared.GetByRole(AriaRole.Link, new() { Name = "Ingresos sin tomar" }).ClickAsync();
        await Assertions.Expect(member.Page.GetByLabel("Proceso")).ToHaveValueAsync(StaffJourney.ProcessId);

        await page.GetByRole(AriaRole.Button, new() { Name = "Eliminar la vista «Ingresos sin tomar»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se eliminó la vista «Ingresos sin tomar».");
    }

    public void Dispose() => _service.Dispose();
}
