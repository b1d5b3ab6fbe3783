using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web.Supervision;

/// <summary>
/// What failed, in Chromium as a coordinator handles it: a service task that fails (the detection's phase change of a
/// journey started with a case id that does not exist) becomes an incident on the list and in red on the diagram; the
/// coordinator corrects the variable after a confirmation, retries, and the journey moves on to the referral. A
/// selection is retried at once; a variable holding a script shows as text; a journey is cancelled with a reason.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class IncidentPageTests(ChromiumBrowser chromium) : IDisposable
{
    private const string Canvas = "#diagram [data-diagram-canvas]";
    private const string PhaseChange = "Case in detection";

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_failed_service_task_shows_on_the_diagram_and_the_coordinator_repairs_a_variable_retries_and_the_journey_moves_on()
    {
        var scenario = new SupervisionScenario(_service);
        var (caseId, reference) = await scenario.CaseAsync();
        var instance = await scenario.StartChildJourneyAsync("case-that-does-not-exist", reference);
        Assert.Equal("Service_PhaseDetection", await scenario.RetryUntilIncidentAsync(instance));

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator, "/supervision");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Seguimiento" }).GetByRole(AriaRole.Link, new() { Name = "Incidentes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incidentes", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync(PhaseChange);
        await Assertions.Expect(row).ToContainTextAsync("caseId");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("supervision-incidents-es-1280");

        // On the journey's diagram: the failed element in red with its count, and the same in the table.
        await row.GetByRole(AriaRole.Link, new() { Name = PhaseChange }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = PhaseChange }).First).ToContainTextAsync("1 con error");
        await Assertions.Expect(page.Locator("#diagram")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".djs-overlays[data-container-id='Service_PhaseDetection'] .diagram-badge-incident")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("g.djs-element.has-incident[data-element-id='Service_PhaseDetection']")).ToHaveCountAsync(1);
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await browser.ScreenshotAsync("supervision-journey-incident-es-1280");

        // The coordinator corrects the case id: the page shows the old and new value before anything is saved.
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference }).GetByRole(AriaRole.Link, new() { Name = $"Corregir datos de {reference}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Recorrido del folio {reference}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Error en «{PhaseChange}»")).ToBeVisibleAsync();
        await page.GetByLabel("Nombre del dato").FillAsync("caseId");
        await page.GetByLabel("Valor nuevo").FillAsync(caseId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revisar el cambio" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Region, new() { Name = "Confirme el cambio" });
        await Assertions.Expect(confirm).ToContainTextAsync("\"case-that-does-not-exist\"");
        await Assertions.Expect(confirm).ToContainTextAsync($"\"{caseId}\"");
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await browser.ScreenshotAsync("supervision-instance-confirm-es-1280");
        Assert.Equal("case-that-does-not-exist", (await scenario.InstanceAsync(instance)).GetProperty("variables").GetProperty("caseId").GetString());
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Guardar el cambio" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Se guardó el dato «caseId»");

        // Retry: the phase change now finds the case, and the journey waits at the referral.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reintentar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Se reintentó y el recorrido siguió su curso. Ahora espera en: Canalizar a un CAS de primera acogida (nunca a detención).");
        var after = await scenario.InstanceAsync(instance);
        Assert.Equal(["Task_Referral"], after.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, after.GetProperty("incidents").GetArrayLength());
        var history = page.GetByRole(AriaRole.Table, new() { Name = "Historial" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Corrigió datos" })).ToContainTextAsync(Roles.Coordinator);
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Se resolvió un incidente" })).ToContainTextAsync(Roles.Coordinator);

        // A value holding a script is shown as text.
        await page.GetByLabel("Nombre del dato").FillAsync("note");
        await page.GetByLabel("Valor nuevo").FillAsync("<script>alert('x')</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revisar el cambio" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar el cambio" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Datos del recorrido" })).ToContainTextAsync("\"<script>alert('x')</script>\"");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_selection_is_retried_at_once_and_a_journey_is_cancelled_with_a_reason_on_a_phone()
    {
        var scenario = new SupervisionScenario(_service);
        var failing = new List<(string Reference, string Instance)>();
        for (var i = 0; i < 2; i++)
        {
            var (_, reference) = await scenario.CaseAsync();
            var instance = await scenario.StartChildJourneyAsync("case-that-does-not-exist-" + i, reference);
            await scenario.RetryUntilIncidentAsync(instance);
            failing.Add((reference, instance));
        }

        await using var browser = await WorkspaceFactory.PageAsync(chromium, width: 375);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Coordinator, "/supervision/incidents");
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("supervision-incidents-es-375");

        // Nothing chosen: said, nothing retried. Both chosen: both retried, and both fail again (nothing was repaired).
        await page.GetByRole(AriaRole.Button, new() { Name = "Reintentar los seleccionados" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Marque al menos un incidente para reintentar.");
        foreach (var (reference, _) in failing)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Seleccionar el incidente de {reference} en «{PhaseChange}»" }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Reintentar los seleccionados" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reintentados: 2. Siguieron su curso: 0. Volvieron a fallar: 2.");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2);

        // The first is cancelled: the reason and the confirmation are asked for, then kept in the history.
        await page.GotoAsync(_service.BaseUrl + "/supervision/instances/" + failing[0].Instance);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancelar el recorrido" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cancelReason-error")).ToHaveTextAsync("Escriba el motivo: queda en el historial.");
        await Assertions.Expect(page.GetByLabel("Motivo de la cancelación")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("Motivo de la cancelación").FillAsync("Expediente duplicado del folio " + failing[1].Reference);
        await page.GetByLabel("Confirmo que quiero cancelar este recorrido.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancelar el recorrido" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se canceló el recorrido. El motivo quedó en el historial.");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Historial" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Canceló el recorrido" }))
            .ToContainTextAsync("Expediente duplicado del folio " + failing[1].Reference);
        Assert.Equal("cancelled", (await scenario.InstanceAsync(failing[0].Instance)).GetProperty("status").GetString());
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page, Canvas);
        await browser.ScreenshotAsync("supervision-instance-cancelled-es-375");
    }

    public void Dispose() => _service.Dispose();
}
