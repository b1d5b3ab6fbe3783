using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Browser;
using Orchestrator.Tests.Web;

namespace Orchestrator.Tests.Designer;

/// <summary>The designer's other pages and paths: files from disk, a phone, English, concurrent drafts, versions and rollback.</summary>
public sealed partial class DesignerPageTests
{
    [Fact]
    public async Task A_hostile_or_oversized_file_is_refused_with_the_reason_and_a_Camunda_file_opens_in_our_dialect()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Designer);
        var file = page.GetByLabel("Elija el archivo");

        // An external entity, then an entity bomb: refused by the server's hardened reader, the reason shown.
        var hostile = new Dictionary<string, string>
        {
            ["xxe.bpmn"] = """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="page-xxe" isExecutable="true"><bpmn:documentation>&x;</bpmn:documentation></bpmn:process></bpmn:definitions>""",
            ["bomb.bpmn"] = """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="page-bomb" isExecutable="true"><bpmn:documentation>&c;</bpmn:documentation></bpmn:process></bpmn:definitions>""",
        };
        foreach (var (name, xml) in hostile)
        {
            await file.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(xml) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Abrir archivo" }).ClickAsync();
            var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = $"No se puede abrir {name}; no se guardó nada." });
            await Assertions.Expect(alert).ToBeVisibleAsync();
            await Assertions.Expect(alert).ToContainTextAsync("DTDs and entities are refused for security");
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("designer-file-refused-es-1280");

        // Over the size limit: said in the page before anything is sent.
        await file.SetInputFilesAsync(new FilePayload { Name = "huge.bpmn", MimeType = "application/xml", Buffer = new byte[512 * 1024] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir archivo" }).ClickAsync();
        await Assertions.Expect(page.Locator("#open-file-error")).ToContainTextAsync("El archivo pesa 0.5 MB y el máximo es 0.2 MB. No se envió ni se guardó nada.");
        await Assertions.Expect(file).ToHaveAttributeAsync("aria-invalid", "true");
        using var designer = _service.Client(Roles.Designer);
        Assert.Empty((await designer.GetJsonAsync("/api/designer/drafts")).EnumerateArray());

        // A file drawn in Camunda Modeler: its camunda: attributes are shown in our panel as orc: ones and saved so.
        await page.ReloadAsync();
        await page.GetByLabel("Elija el archivo").SetInputFilesAsync(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Designer", "Fixtures", "camunda-intake.bpmn"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir archivo" }).ClickAsync();
        await WaitForCheckAsync(page);
        await Assertions.Expect(page.Locator("#designer-status")).ToHaveTextAsync("Se convirtieron 3 atributos camunda: a sus equivalentes orc:; se guardarán así.", SlowText);
        await page.Locator("#outline").GetByRole(AriaRole.Button, new() { Name = "Tarea de una persona: «Review the intake»" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Grupos candidatos (orc:candidateGroups)")).ToHaveValueAsync("coordinator");
        await Assertions.Expect(page.GetByLabel("Formulario (orc:formKey)")).ToHaveValueAsync("note");
        await Assertions.Expect(page.GetByLabel("Vence (orc:dueDate)")).ToHaveValueAsync("P5D");
        await Assertions.Expect(page.Locator("#properties").GetByText("5 días después de crear la tarea")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#problems-count")).ToHaveTextAsync("(sin problemas)", SlowText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
        await Assertions.Expect(page.Locator("#draft-state")).ToContainTextAsync("Borrador guardado", SlowContains);

        var saved = (await designer.GetJsonAsync("/api/designer/drafts/camunda-intake")).GetProperty("xml").GetString()!;
        Assert.Contains("orc:candidateGroups=\"coordinator\"", saved, StringComparison.Ordinal);
        Assert.Contains("orc:formKey=\"note\"", saved, StringComparison.Ordinal);
        Assert.Contains("orc:dueDate=\"P5D\"", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("camunda:candidateGroups", saved, StringComparison.Ordinal);
        Assert.Contains("<camunda:property name=\"source\" value=\"camunda-modeler\" />", saved, StringComparison.Ordinal);
        Assert.Contains("camunda:historyTimeToLive=\"180\"", saved, StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task On_a_phone_in_Spanish_and_in_English_the_list_the_designer_and_a_version_fit_without_sideways_scrolling()
    {
        foreach (var (locale, list, designer, version) in new[]
                 {
                     ("es-MX", "Diseñador de procesos", "Diseñar proceso", "Versión 1 (solo lectura)"),
                     ("en-US", "Process designer", "Design process", "Version 1 (read-only)"),
                 })
        {
            await using var browser = await WorkspaceFactory.PageAsync(chromium, locale, width: 375);
            var page = browser.Page;
            var language = locale[..2];
            await _service.SignInAsync(page, Roles.Designer);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = list })).ToBeVisibleAsync();
            await Accessibility.AssertNoHorizontalScrollingAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await browser.ScreenshotAsync($"designer-list-{language}-375");

            await page.GotoAsync(_service.BaseUrl + "/designer/edit/transition-to-independence");
            await WaitForCheckAsync(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + designer) })).ToBeVisibleAsync();
            await Accessibility.AssertNoHorizontalScrollingAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumBrowser.ScreenshotDirectory, $"designer-edit-{language}-375.png") });

            await page.GotoAsync(_service.BaseUrl + "/designer/view/transition-to-independence/1");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(version)) })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#designer[data-ready='true']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Accessibility.AssertNoHorizontalScrollingAsync(page);
            await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumBrowser.ScreenshotDirectory, $"designer-view-{language}-375.png") });
            Assert.Empty(browser.ConsoleErrors);
        }
    }

    [Fact]
    public async Task A_second_designer_saving_an_older_copy_is_told_who_saved_since_and_reloads_their_work()
    {
        await using var first = await WorkspaceFactory.PageAsync(chromium);
        await using var second = await WorkspaceFactory.PageAsync(chromium);
        await _service.SignInAsync(first.Page, Roles.Designer, "/designer/edit/transition-to-independence");
        await _service.SignInAsync(second.Page, Roles.Admin, "/designer/edit/transition-to-independence");
        await WaitForCheckAsync(first.Page);
        await WaitForCheckAsync(second.Page);

        // The first saves a change; the second, still on the copy it loaded, changes something else.
        await first.Page.Locator("#outline").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Tarea de una persona: ") }).First.ClickAsync();
        await first.Page.GetByLabel("Prioridad (orc:priority)").FillAsync("80");
        await Assertions.Expect(first.Page.Locator("#draft-state")).ToContainTextAsync("Borrador guardado", SlowContains);

        await second.Page.Locator("#outline").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Tarea de una persona: ") }).First.ClickAsync();
        await second.Page.GetByLabel("Prioridad (orc:priority)").FillAsync("20");
        var conflict = second.Page.Locator("#draft-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("designer guardó este borrador (revisión 2) después de que usted lo abrió.", SlowContains);
        await Assertions.Expect(second.Page.GetByRole(AriaRole.Button, new() { Name = "Recargar el borrador" })).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(second.Page, Canvas);
        await second.ScreenshotAsync("designer-conflict-es-1280");

        // Reloaded, the second sees the first's change, and nothing was overwritten.
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Recargar el borrador" }).ClickAsync();
        await WaitForCheckAsync(second.Page);
        await second.Page.Locator("#outline").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Tarea de una persona: ") }).First.ClickAsync();
        await Assertions.Expect(second.Page.GetByLabel("Prioridad (orc:priority)")).ToHaveValueAsync("80");
        using var designer = _service.Client(Roles.Designer);
        Assert.Equal(2, (await designer.GetJsonAsync("/api/designer/drafts/transition-to-independence")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_version_opens_read_only_downloads_as_XML_and_rolling_back_deploys_it_again_as_the_newest()
    {
        using var designer = _service.Client(Roles.Designer);
        var original = DesignerApi.JourneyXml("transition-to-independence");
        await designer.PostJsonAsync("/api/designer/deploy", new { xml = original.Replace("Transition to independent living", "Transition to independent life", StringComparison.Ordinal) }, System.Net.HttpStatusCode.Created);

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Designer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ver la versión 1 de transition-to-independence" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Versión 1 \\(solo lectura\\)") })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#designer[data-ready='true']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#outline")).ToContainTextAsync("Inicio:");
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await browser.ScreenshotAsync("designer-view-es-1280");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Descargar XML (.bpmn)" }).ClickAsync());
        Assert.Equal("transition-to-independence-v1.bpmn", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Contains("Transition to independent living", await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        await page.GetByText("Volver a la versión 1…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Desplegar la versión 1 como la versión 3" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Se volvió a la versión 1 de transition-to-independence: ahora es la versión 3." })).ToBeVisibleAsync();
        Assert.Equal(original, (await designer.GetJsonAsync("/api/designer/processes/transition-to-independence/versions/3")).GetProperty("xml").GetString());
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_scenario_run_plays_on_the_diagram_tokens_play_by_hand_and_the_diagram_exports_as_SVG()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Designer, "/designer/edit/transition-to-independence");
        await WaitForCheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ejecutar escenarios" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scenario-summary")).ToHaveTextAsync("Los 4 escenarios pasan.", SlowText);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reproducir en el diagrama el escenario support-ends-at-21" }).ClickAsync();
        await Assertions.Expect(page.Locator("g.djs-element.orc-trace-current")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#designer-status")).ToContainTextAsync("A los ", SlowContains);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reproducir en el diagrama el escenario support-ends-at-21" }).ClickAsync();
        await Assertions.Expect(page.Locator("g.djs-element.orc-trace-current")).ToHaveCountAsync(0);

        var simulate = page.GetByRole(AriaRole.Button, new() { Name = "Simulación de tokens" });
        await simulate.ClickAsync();
        await Assertions.Expect(simulate).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("#designer-status")).ToHaveTextAsync("Simulación de tokens activada: el diagrama no se puede editar mientras tanto.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await simulate.ClickAsync();
        await Assertions.Expect(simulate).ToHaveAttributeAsync("aria-pressed", "false");

        await page.GetByText("Exportar").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Descargar imagen SVG" }).ClickAsync());
        Assert.Equal("transition-to-independence.svg", download.SuggestedFilename);
        Assert.StartsWith("<?xml", await File.ReadAllTextAsync(await download.PathAsync()), StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_new_diagram_needs_a_usable_id_and_opens_in_the_designer_with_a_start_event()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Designer);
        await page.GetByLabel("Id del proceso").FillAsync("1 niño");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear diagrama" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Ese id no sirve: empiece con una letra y use solo letras, números, '-', '_' o '.'.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Id del proceso")).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Id del proceso").FillAsync("acogida-familiar");
        await page.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Acogida familiar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear diagrama" }).ClickAsync();
        await WaitForCheckAsync(page);
        await Assertions.Expect(page.GetByText("Borrador de un proceso nuevo (revisión 1).", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#outline")).ToContainTextAsync("Proceso «Acogida familiar» (acogida-familiar)");
        await Assertions.Expect(page.Locator("#outline").GetByRole(AriaRole.Button, new() { Name = "Inicio: StartEvent_1" })).ToBeVisibleAsync();
        await page.GotoAsync(_service.BaseUrl + "/designer");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "acogida-familiar" })).ToContainTextAsync("Nunca desplegado");
        Assert.Empty(browser.ConsoleErrors);
    }
}
