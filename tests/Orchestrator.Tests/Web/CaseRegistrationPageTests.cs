using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Cases;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web;

/// <summary>
/// Registering a detected child in Chromium, as the intake worker does within the 24-hour window: what is missing is
/// said at its field and nothing is created; a complete form opens the case file and starts the child's journey, whose
/// first task (the referral) appears in the case file and in the social workers' inbox. On a phone, in English, axe-core.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CaseRegistrationPageTests(ChromiumBrowser chromium) : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task Registering_a_detected_child_opens_the_file_starts_the_journey_and_the_referral_reaches_the_inbox()
    {
        await _service.PersonAsync(Roles.SocialWorker);
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await _service.SignInAsync(page, Roles.DataManager, "/cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrar a un NNA detectado" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registrar a un niño, niña o adolescente detectado" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#detection-window")).ToContainTextAsync("La canalización a un CAS de primera acogida vence en 24 horas");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("case-register-es-1280");

        // Nothing filled in: said at each field, nothing created.
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar y comenzar el recorrido" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Revise los datos marcados. No se guardó nada.");
        var given = page.GetByLabel("Nombre(s)");
        await Assertions.Expect(given).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#givenNames-error")).ToHaveTextAsync("Este dato es obligatorio.");
        Assert.Equal(0, await CountCasesAsync());

        // The keyboard only: type, Tab through, Space ticks a flag, Enter sends.
        await given.FocusAsync();
        await page.Keyboard.TypeAsync("Itzel");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Coc Tzul");
        await page.GetByLabel("Fecha de nacimiento").FillAsync("2013-08-21");
        await page.GetByLabel("Sexo").SelectOptionAsync(new SelectOptionValue { Label = "Mujer" });
        await page.GetByLabel("Nacionalidad (obligatorio)").FillAsync("Guatemala");
        await page.GetByLabel("Idiomas que habla").FillAsync("español, q'eqchi'");
        await page.GetByLabel("Cultura o pueblo").FillAsync("Q'eqchi'");
        await page.GetByLabel("Indígena").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Víctima de delito").CheckAsync();
        await page.GetByLabel("Opinión del NNA en la primera entrevista").FillAsync("Quiero ir a la escuela.");
        await page.GetByLabel("Nombre(s)").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/cases/CA-", StringComparison.Ordinal));
        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync("y comenzó su recorrido. La primera tarea, «Canalizar a un CAS de primera acogida (nunca a detención)», está en la bandeja de Coordinación, Trabajo social y vence mañana.");
        var reference = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Replace("Expediente ", "", StringComparison.Ordinal);
        Assert.Matches("^CA-[0-9]{4}-[0-9]{4}$", reference);
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Indígena");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Víctima de delito");
        await Assertions.Expect(page.Locator("#tasks")).ToContainTextAsync("Canalizar a un CAS de primera acogida");
        await Assertions.Expect(page.Locator("#tasks")).ToContainTextAsync("vence mañana");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Se registró la opinión del niño, niña o adolescente (primera entrevista).");
        Assert.DoesNotContain(urls, u => u.Contains("Itzel", StringComparison.OrdinalIgnoreCase) || u.Contains("Tzul", StringComparison.OrdinalIgnoreCase));

        // The referral is in the social workers' inbox, by the case's reference.
        await using var social = await WorkspaceFactory.PageAsync(chromium, width: 375);
        await _service.SignInAsync(social.Page, Roles.SocialWorker);
        var row = social.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("Canalizar a un CAS de primera acogida");
        Assert.Equal(1, await CountCasesAsync());
        Assert.Empty(CaseFilePageTests.UnexpectedErrors(browser));
    }

    [Fact]
    public async Task The_form_fits_a_phone_and_speaks_English_and_only_writers_may_open_it()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium, "en-US", width: 375);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator, "/cases/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register a detected child" })).ToBeVisibleAsync();
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("case-register-en-375");
        await page.GetByLabel("Given names (required)").FillAsync("Kevin");
        await page.GetByLabel("Nationality (required)").FillAsync("Honduras");
        await page.GetByLabel("Date of birth").FillAsync("2099-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register and start the journey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#birthDate-error")).ToHaveTextAsync("It cannot be in the future.");
        await Assertions.Expect(page.GetByLabel("Given names (required)")).ToHaveValueAsync("Kevin");
        Assert.Equal(0, await CountCasesAsync());

        await using var spanish = await WorkspaceFactory.PageAsync(chromium, width: 375);
        await _service.SignInAsync(spanish.Page, Roles.Coordinator, "/cases/new");
        await Accessibility.AssertNoHorizontalScrollingAsync(spanish.Page);
        await spanish.ScreenshotAsync("case-register-es-375");

        // A social worker may not register (as POST /api/cases): the 403 page, and no link to the form.
        await using var worker = await WorkspaceFactory.PageAsync(chromium);
        await _service.SignInAsync(worker.Page, Roles.SocialWorker, "/cases");
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Link, new() { Name = "Registrar a un NNA detectado" })).ToHaveCountAsync(0);
        var refused = await worker.Page.GotoAsync(_service.BaseUrl + "/cases/new");
        Assert.Equal(403, refused!.Status);
    }

    private async Task<int> CountCasesAsync()
    {
        using var scope = _service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().ChildCases().CountAsync();
    }

    public void Dispose() => _service.Dispose();
}
