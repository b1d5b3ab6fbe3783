using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;
using Orchestrator.Tests.Cases.CaseFiles;

namespace Orchestrator.Tests.Web;

/// <summary>
/// The case file in Chromium as staff use it: a coordinator sees the timeline and the coming day-45 deadline; a
/// caseworker without the case on their caseload gets the 403 page (and an audit row); what staff type is shown as
/// text; additions are refused at their fields in the page's language; a document goes up and comes down (audited);
/// on a phone, in English, checked by axe-core, and printed.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CaseFilePageTests(ChromiumBrowser chromium) : IDisposable
{
    private static readonly TimeZoneInfo MexicoCity = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_coordinator_opens_a_case_and_sees_the_timeline_and_the_coming_day_45_deadline()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var child = await scenario.RegisterAsync("Marta", "López Ajú", coordinator);
        _service.Clock.Advance(TimeSpan.FromHours(3));
        var placedAt = _service.Clock.GetUtcNow();
        await scenario.CompleteReferralAsync(child, coordinator);

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await _service.SignInAsync(page, Roles.Coordinator, "/cases/" + child.Reference);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Expediente {child.Reference}", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal($"Expediente {child.Reference} · Casa Alianza México", await page.TitleAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" }).GetByRole(AriaRole.Link, new() { Name = "Casos" }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Marta López Ajú");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Primera acogida");

        // The coming deadlines: the day-45 limit of first reception, in words and with its date.
        var limit = page.Locator("#deadlines").GetByRole(AriaRole.Row).Filter(new() { HasText = "day 45: limit reached" });
        await Assertions.Expect(limit).ToContainTextAsync("vence en 45 días");
        await Assertions.Expect(limit).ToContainTextAsync(Local(placedAt.AddDays(45)));

        // One timeline, newest first: the journey's steps and the file's own changes.
        var timeline = page.Locator("#timeline li");
        await Assertions.Expect(timeline.Last).ToContainTextAsync("Se abrió el expediente.");
        var all = string.Join("\n", await timeline.AllInnerTextsAsync());
        Assert.Contains("Comenzó el recorrido «Journey of a child (detection to closure)».", all, StringComparison.Ordinal);
        Assert.Contains("Tarea completada: Refer the child to a first reception CAS", all, StringComparison.Ordinal);
        Assert.Contains("La fase cambió a «Primera acogida».", all, StringComparison.Ordinal);
        Assert.Contains("Acogimiento asignado: CAS de primera acogida (cas-pruebas).", all, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#tasks")).ToContainTextAsync("Registrar el plan de protección y restitución de derechos de la PPNNA");

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("case-file-es-1280");
        await page.SetViewportSizeAsync(375, 800);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("case-file-es-375");

        // On paper: the content alone, no navigation, buttons or forms.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(794, 1123);
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("details.add").First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("case-file-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // English.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case file {child.Reference}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#deadlines").GetByRole(AriaRole.Row).Filter(new() { HasText = "day 45: limit reached" })).ToContainTextAsync("due in 45 days");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("The phase changed to “First reception”.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        Assert.Empty(browser.ConsoleErrors);
        Assert.DoesNotContain(urls, u => u.Contains("Marta", StringComparison.OrdinalIgnoreCase) || u.Contains("L%C3%B3pez", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(await scenario.AuditAsync("CaseRead"), r => r.UserId == coordinator.Id && r.ItemId == child.CaseId);
    }

    [Fact]
    public async Task A_caseworker_without_the_case_on_their_caseload_gets_the_403_page_and_an_audit_row()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var lawyer = await scenario.ActorAsync(Roles.Lawyer);
        var child = await scenario.RegisterAsync("Zyanya", "Quetzalli", coordinator);

        await using var browser = await WorkspaceFactory.PageAsync(chromium, width: 375);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Lawyer);
        var response = await page.GotoAsync(_service.BaseUrl + "/cases/" + child.Reference);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No tiene acceso a esta página" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Zyanya", await page.ContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("case-file-403-es-375");

        var refusal = Assert.Single(await scenario.AuditAsync("CaseReadRefused"));
        Assert.Equal((lawyer.Id, child.CaseId), (refusal.UserId, refusal.ItemId));
        Assert.DoesNotContain(await scenario.AuditAsync("CaseRead"), r => r.UserId == lawyer.Id);

        // The document link of the file is refused the same way.
        var download = await page.APIRequest.GetAsync($"{_service.BaseUrl}/cases/{child.Reference}?handler=Document&id={Guid.NewGuid()}");
        Assert.Equal(403, download.Status);
    }

    [Fact]
    public async Task What_staff_type_is_shown_as_text_and_bad_input_is_told_at_its_field_in_the_pages_language()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var child = await scenario.RegisterAsync("Luis", "Pérez", coordinator);

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await _service.SignInAsync(page, Roles.Coordinator, "/cases/" + child.Reference);

        // A measure whose dates are the wrong way round: said at the field, everything typed kept, nothing saved.
        const string script = "<script>document.title='pwned';alert(1)</script>";
        await page.GetByText("Agregar una medida").ClickAsync();
        await page.GetByLabel("Derecho que se restituye").FillAsync("educación");
        await page.GetByLabel("Medida (obligatorio)").FillAsync(script + " Inscribirlo en la secundaria");
        await page.GetByLabel("Institución responsable").FillAsync("SEP");
        await page.GetByLabel("Inicio").FillAsync("2027-02-10");
        await page.GetByLabel("Fecha compromiso").FillAsync("2027-01-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agregar medida" }).ClickAsync();
        var due = page.GetByLabel("Fecha compromiso");
        await Assertions.Expect(due).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#measure-dueDate-error")).ToHaveTextAsync("Debe ser igual o posterior a la fecha de inicio.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Revise los datos marcados. No se guardó nada.");
        await Assertions.Expect(page.GetByLabel("Medida (obligatorio)")).ToHaveValueAsync(script + " Inscribirlo en la secundaria");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("case-file-measure-error-es");
        Assert.Empty(await page.Locator("#measures tbody tr").AllAsync());

        await due.FillAsync("2027-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agregar medida" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se agregó la medida al plan de restitución.");
        await Assertions.Expect(page.Locator("#measures tbody")).ToContainTextAsync(script + " Inscribirlo en la secundaria");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Se agregó una medida de restitución: " + script);

        // Tracing: found, but not where; then where, with notes that hold a script too.
        await page.GetByText("Registrar un paso de la búsqueda").ClickAsync();
        await page.GetByLabel("Sí").CheckAsync();
        await page.GetByLabel("Notas").FillAsync("Tía en Puebla " + script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar paso" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tracing-familyLocation-error")).ToHaveTextAsync("Elija una de las opciones.");
        await Assertions.Expect(page.GetByLabel("Notas")).ToHaveValueAsync("Tía en Puebla " + script);
        await page.GetByLabel("Dónde").SelectOptionAsync(new SelectOptionValue { Label = "En México" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar paso" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se registró el paso de la búsqueda familiar.");
        await Assertions.Expect(page.Locator("#tracing tbody")).ToContainTextAsync("Tía en Puebla " + script);

        // An objective without its programme, in English this time.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByText("Add an objective").ClickAsync();
        await page.GetByLabel("Objective (required)").FillAsync("Finish primary school");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add objective" }).ClickAsync();
        await Assertions.Expect(page.Locator("#objective-programme-error")).ToHaveTextAsync("Choose one of the options.");
        await page.GetByLabel("Programme").SelectOptionAsync(new SelectOptionValue { Label = "Education" });
        await page.GetByLabel("Horizon").SelectOptionAsync(new SelectOptionValue { Label = "Short term" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add objective" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The objective was added to the life plan.");
        await Assertions.Expect(page.Locator("#life-plan")).ToContainTextAsync("Finish primary school");

        Assert.Equal(0, dialogs);
        Assert.Equal($"Case file {child.Reference} · Casa Alianza México", await page.TitleAsync());
        Assert.Empty(UnexpectedErrors(browser));
    }

    [Fact]
    public async Task A_document_is_uploaded_to_the_case_and_its_download_is_audited()
    {
        var scenario = new CaseFileScenario(_service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var child = await scenario.RegisterAsync("Ana", "Ramírez", coordinator);

        await using var browser = await WorkspaceFactory.PageAsync(chromium, width: 375);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator, "/cases/" + child.Reference);
        await page.GetByText("Subir un documento").ClickAsync();
        await page.GetByLabel("Tipo de documento").SelectOptionAsync(new SelectOptionValue { Label = "Consentimiento o asentimiento" });
        await page.GetByLabel("Descripción").FillAsync("Asentimiento de Ana");

        // A web page named .pdf is refused by its contents, at the field.
        await page.GetByLabel("Archivo").SetInputFilesAsync(new FilePayload { Name = "asentimiento.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("<!doctype html><script>alert(1)</script>") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Subir documento" }).ClickAsync();
        await Assertions.Expect(page.Locator("#document-file-error")).ToHaveTextAsync("El archivo no es un PDF ni una imagen JPG, PNG o WebP (se revisó su contenido).");
        await Assertions.Expect(page.GetByLabel("Descripción")).ToHaveValueAsync("Asentimiento de Ana");
        await Accessibility.AssertNoHorizontalScrollingAsync(page);

        await page.GetByLabel("Archivo").SetInputFilesAsync(new FilePayload { Name = "asentimiento.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Subir documento" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se subió el documento «Asentimiento de Ana» al expediente.");
        var link = page.Locator("#documents").GetByRole(AriaRole.Link, new() { Name = "Asentimiento de Ana" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("case-file-documents-es-375");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.StartsWith(child.Reference + "-consent-", download.SuggestedFilename, StringComparison.Ordinal);
        await using (var content = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await content.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }

        var read = Assert.Single(await scenario.AuditAsync("DocumentRead"));
        Assert.Equal(coordinator.Id, read.UserId);
        Assert.Single(await scenario.AuditAsync("DocumentUploaded"));
        Assert.Empty(UnexpectedErrors(browser));
    }

    /// <summary>
    /// The page's console errors but Chromium's note that a refused form came back 422 (the page answers with the
    /// form's errors and that status on purpose).
    /// </summary>
    internal static IEnumerable<string> UnexpectedErrors(BrowserPage browser) =>
        browser.ConsoleErrors.Where(e => !e.Contains("the server responded with a status of 422", StringComparison.Ordinal));

    /// <summary>An instant as the pages show it: "21 ene 2027, 14:30" in the organisation's zone.</summary>
    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, MexicoCity).ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("es-MX"));

    public void Dispose() => _service.Dispose();
}
