using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;
using Orchestrator.Tests.Web.Supervision;

namespace Orchestrator.Tests.Web.Administration;

/// <summary>
/// The outbox and the audit in Chromium: an admin finds an email that could not be sent, reads it with its action link
/// redacted and sends it again; a data manager reads who opened and changed a case, filters it, exports it as CSV with
/// no case data in it, and finds their own reading in the audit; the staff and outbox pages stay closed to them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class OutboxAndAuditPageTests(ChromiumBrowser chromium) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task An_admin_reads_a_failed_email_with_its_link_redacted_and_sends_it_again()
    {
        var id = Guid.NewGuid();
        using (var scope = _service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var payload = new OutboxEmailPayload("consul@consulado.example", "Solicitud de aprobación del retorno · CA-2026-0042",
                "<p>Responda aquí: <a href=\"http://localhost/act/AbCdEfGhIjKlMnOpQrStUvWxYz012345\">aprobar</a></p>",
                "Responda aquí: http://localhost/act/AbCdEfGhIjKlMnOpQrStUvWxYz012345", "consulate-approval-request", "es", null, null);
            db.Outbox.Add(new OutboxRecord
            {
                Id = id, Kind = EmailOutbox.EmailKind, CreatedAt = _service.Clock.GetUtcNow(), Status = OutboxStatuses.Failed, Attempts = 6,
                LastError = "550 mailbox unavailable", Payload = JsonSerializer.Serialize(payload, Web),
            });
            await db.SaveChangesAsync();
        }

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Admin, "/administration");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administración" }).GetByRole(AriaRole.Link, new() { Name = "Correos" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "No enviados (1)" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "consul@consulado.example" });
        await Assertions.Expect(row).ToContainTextAsync("550 mailbox unavailable");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-outbox-es-1280");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Correo", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("pre.email-body").First).ToHaveTextAsync("Responda aquí: http://localhost/act/[redacted]");
        Assert.DoesNotContain("AbCdEfGhIjKlMnOpQrStUvWxYz012345", await page.ContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-email-es-1280");

        // On a phone the email, its retry and its dismissal fit without sideways scrolling.
        await page.SetViewportSizeAsync(375, 812);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("administration-email-es-375");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reenviar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("El correo quedó en espera de envío.");
        using (var scope = _service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            Assert.NotEqual(OutboxStatuses.Failed, (await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id)).Status);
            Assert.True(await db.History.AnyAsync(h => h.Type == "EmailRetried" && h.ItemId == id.ToString()));
        }
    }

    [Fact]
    public async Task A_data_manager_reads_and_exports_who_opened_and_changed_a_case_without_its_data_and_the_reading_is_audited()
    {
        var scenario = new SupervisionScenario(_service);
        var (caseId, reference) = await scenario.CaseAsync("Ximena");
        var (_, other) = await scenario.CaseAsync("Yolanda");
        await scenario.StartChildJourneyAsync(caseId, reference);
        using (var coordinator = scenario.Client(Roles.Coordinator))
        {
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/cases/{caseId}")).StatusCode);
        }

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.DataManager, "/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" }).GetByRole(AriaRole.Link, new() { Name = "Administración" }).ClickAsync();
        var sub = page.GetByRole(AriaRole.Navigation, new() { Name = "Administración" });
        await Assertions.Expect(sub.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await sub.GetByRole(AriaRole.Link, new() { Name = "Auditoría" }).ClickAsync();
        await page.GetByLabel("Folio").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Registros de auditoría, del más reciente al más antiguo" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Abrió el expediente" })).ToContainTextAsync("apikey:coordinator-bot");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Inició el recorrido" })).ToContainTextAsync(reference);
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = other })).ToHaveCountAsync(0);
        Assert.DoesNotContain("Ximena", await table.InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-audit-es-1280");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Descargar CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        Assert.StartsWith("Cuándo,Quién,Qué hizo,Folio,Sobre qué,Tipo,Recorrido (id)", csv, StringComparison.Ordinal);
        Assert.Contains("CaseRead", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Ximena", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Tzul", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(other, csv, StringComparison.Ordinal);

        // The data manager's own readings and export are in the audit, with the filter they used.
        await page.GetByLabel("Folio").FillAsync("");
        await page.GetByLabel("Persona").SelectOptionAsync(new SelectOptionValue { Label = Roles.DataManager });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Consultó la auditoría" }).Filter(new() { HasText = "caseReference: " + reference }).First)
            .ToBeVisibleAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Descargó la auditoría" })).ToHaveCountAsync(1);

        // Staff accounts and the outbox are the administrator's.
        Assert.Equal(403, (await page.GotoAsync(_service.BaseUrl + "/administration/staff"))!.Status);
        Assert.Equal(403, (await page.GotoAsync(_service.BaseUrl + "/administration/outbox"))!.Status);
    }

    [Fact]
    public async Task The_audit_fits_a_phone_and_reads_in_English()
    {
        await using var phone = await WorkspaceFactory.PageAsync(chromium, width: 375);
        await _service.SignInAsync(phone.Page, Roles.Admin, "/administration/audit");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Auditoría", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);
        await Accessibility.AssertNoSeriousViolationsAsync(phone.Page);
        await phone.ScreenshotAsync("administration-audit-es-375");
        await phone.Page.GotoAsync(_service.BaseUrl + "/administration/outbox");
        await Accessibility.AssertNoHorizontalScrollingAsync(phone.Page);

        await using var english = await WorkspaceFactory.PageAsync(chromium, "en-US");
        await _service.SignInAsync(english.Page, Roles.Admin, "/administration/audit?from=2026-12-10&to=2026-12-01");
        await Assertions.Expect(english.Page.GetByRole(AriaRole.Heading, new() { Name = "Audit", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(english.Page.Locator("#dates-error")).ToHaveTextAsync("The “to” date is before the “from” date.");
        await Accessibility.AssertNoSeriousViolationsAsync(english.Page);
    }

    public void Dispose() => _service.Dispose();
}
