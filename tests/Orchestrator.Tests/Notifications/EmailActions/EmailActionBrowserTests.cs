using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// An outside recipient answers in a real browser (Debian Chromium through Playwright) against the real service on a
/// loopback port: opens the link from the email, fills the form-js form, sends. Screenshots of each page go to
/// <c>tests/Orchestrator.Tests/bin/screenshots/</c> for review.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class EmailActionBrowserTests(ChromiumBrowser chromium)
{
    [Fact]
    public async Task A_recipient_fills_the_form_in_Chromium_and_the_instance_moves_on()
    {
        using var factory = EmailActionFactory.Listening();
        var id = await factory.StartAsync("OutsideForm", "CA-2026-0101", new JsonObject { ["consulateEmail"] = EmailActionFactory.ConsulateEmail, ["siblings"] = 2 });
        var link = await factory.LinkOfAsync(id);
        Assert.StartsWith(factory.PublicBaseUrl, link.ToString(), StringComparison.Ordinal);

        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;
        var opened = await page.GotoAsync(link.ToString());
        Assert.Equal(200, opened!.Status);
        var file = page.GetByLabel("Consulate file number");
        await file.WaitForAsync();
        Assert.Equal("2", await page.GetByLabel("Siblings travelling").InputValueAsync());
        Assert.True(await page.Locator(".fjs-powered-by").IsVisibleAsync(), "the bpmn.io watermark must stay visible (form-js licence)");

        // The workspace's layout, header only: the organisation's name, no navigation, no sign-out.
        await Assertions.Expect(page.Locator(".site-header")).ToContainTextAsync("DIF Tests");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(1280, 900);
        await browser.ScreenshotAsync("email-action-form-opened");
        await page.SetViewportSizeAsync(375, 800);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("email-action-form-opened-375");
        await page.SetViewportSizeAsync(900, 1000);

        // Sending too early: form-js marks the fields, nothing is posted.
        var before = await factory.SnapshotAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
        await page.Locator("#form-broken").WaitForAsync();
        Assert.True(await page.Locator(".fjs-form-field-error").First.IsVisibleAsync());

        // The link is Spanish: so are form-js's messages, as the recipient reads them under each field.
        await Assertions.Expect(FieldErrors(page, "Consulate file number")).ToHaveTextAsync("El campo es obligatorio.");
        await page.GetByText("Refuse", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Reason for refusal").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
        await Assertions.Expect(FieldErrors(page, "Reason for refusal")).ToHaveTextAsync("El campo debe tener al menos 10 caracteres.");
        await browser.ScreenshotAsync("email-action-form-errors");
        Assert.Equal(before, await factory.SnapshotAsync(id));

        // As a person does: type, and see the field's error go once form-js took the value (its input is debounced).
        await file.FillAsync("MA-1234");
        await Assertions.Expect(FieldErrors(page, "Consulate file number")).ToHaveCountAsync(0);
        await page.GetByText("Refuse", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Refuse")).ToBeCheckedAsync();
        await page.GetByLabel("Reason for refusal").FillAsync("The passport has expired.");
        await Assertions.Expect(FieldErrors(page, "Reason for refusal")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("email-action-form-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Gracias: su respuesta quedó registrada" }).WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("email-action-form-done");

        Assert.Empty(browser.ConsoleErrors);
        Assert.Equal(["Task_ReadAnswer"], await factory.ActiveAsync(id));
        var variables = (await factory.InstanceAsync(id))["variables"]!;
        Assert.Equal("MA-1234", variables["consulateFile"]!.GetValue<string>());
        Assert.Equal("refuse", variables["decision"]!.GetValue<string>());
        Assert.Equal("The passport has expired.", variables["reason"]!.GetValue<string>());

        // The link again: already answered.
        await page.GotoAsync(link.ToString());
        await page.GetByRole(AriaRole.Heading, new() { Name = "Esta solicitud ya fue respondida" }).WaitForAsync();
        await browser.ScreenshotAsync("email-action-form-replayed");
    }

    [Fact]
    public async Task An_English_link_shows_form_js_messages_in_English()
    {
        using var factory = EmailActionFactory.Listening();
        var id = await factory.StartAsync("OutsideFormEnglish", "CA-2026-0103", new JsonObject { ["consulateEmail"] = EmailActionFactory.ConsulateEmail });
        var link = await factory.LinkOfAsync(id);

        // A Spanish browser: the link's language wins.
        await using var browser = await chromium.NewPageAsync(locale: "es-MX");
        var page = browser.Page;
        await page.GotoAsync(link.ToString());
        await page.GetByLabel("Consulate file number").WaitForAsync();
        await page.GetByText("Refuse", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Reason for refusal").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Assertions.Expect(FieldErrors(page, "Consulate file number")).ToHaveTextAsync("Field is required.");
        await Assertions.Expect(FieldErrors(page, "Reason for refusal")).ToHaveTextAsync("Field must have minimum length of 10.");
        await browser.ScreenshotAsync("email-action-form-errors-en");
        Assert.Empty(browser.ConsoleErrors);
    }

    private static ILocator FieldErrors(IPage page, string label) =>
        page.Locator($".fjs-form-field:has(label:text-is(\"{label}\")) .fjs-form-field-error");

    [Fact]
    public async Task A_recipient_approves_with_a_comment_in_Chromium()
    {
        using var factory = EmailActionFactory.Listening();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0102", new JsonObject { ["consulateEmail"] = EmailActionFactory.ConsulateEmail });
        var link = await factory.LinkOfAsync(id);

        await using var browser = await chromium.NewPageAsync(locale: "en-US");
        var page = browser.Page;
        await page.GotoAsync(link.ToString());
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your answer is needed" }).WaitForAsync();
        await page.GetByLabel("Comment (optional)").FillAsync("Documents are in order.");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(375, 800);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("email-action-approval-opened");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Thank you: your answer was recorded" }).WaitForAsync();
        await browser.ScreenshotAsync("email-action-approval-done");

        Assert.Empty(browser.ConsoleErrors);
        Assert.Equal(["Task_ArrangeTransfer"], await factory.ActiveAsync(id));
        Assert.Equal("Documents are in order.", (await factory.InstanceAsync(id))["variables"]!["comment"]!.GetValue<string>());
    }
}
