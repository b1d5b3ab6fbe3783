using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web.Administration;

/// <summary>
/// Staff accounts in Chromium as an administrator manages them: an account created with its roles and first password
/// can then sign in; a lock keeps it out until it is unlocked; a reset password is the one that works; mistakes are said
/// at their fields. Phone, English, axe-core.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class StaffAccountPageTests(ChromiumBrowser chromium) : IDisposable
{
    private const string FirstPassword = "Primera-Contraseña-2026";

    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task An_admin_creates_an_account_that_can_then_sign_in()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Admin);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" }).GetByRole(AriaRole.Link, new() { Name = "Administración" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administración" }).GetByRole(AriaRole.Link, new() { Name = "Cuentas del personal" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cuentas del personal", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Crear una cuenta" }).ClickAsync();

        // No role and two different passwords: both said at their fields, the rest kept.
        await page.GetByLabel("Usuario", new() { Exact = true }).FillAsync("lucia.trabajo");
        await page.GetByLabel("Correo (opcional)").FillAsync("lucia@dif.example");
        await page.GetByLabel("Contraseña inicial").FillAsync(FirstPassword);
        await page.GetByLabel("Repita la contraseña").FillAsync(FirstPassword + "x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear la cuenta" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Revise los campos marcados.");
        await Assertions.Expect(page.GetByText("Marque al menos un rol.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Las dos contraseñas no coinciden.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Usuario", new() { Exact = true })).ToHaveValueAsync("lucia.trabajo");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-staff-new-errors-es-1280");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Trabajo social" }).CheckAsync();
        await page.GetByLabel("Contraseña inicial").FillAsync(FirstPassword);
        await page.GetByLabel("Repita la contraseña").FillAsync(FirstPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear la cuenta" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se creó la cuenta lucia.trabajo. Ya puede iniciar sesión con la contraseña inicial.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "lucia.trabajo" })).ToContainTextAsync("Trabajo social");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-staff-es-1280");

        // The same user name again: refused at the field.
        await page.GetByRole(AriaRole.Link, new() { Name = "Crear una cuenta" }).ClickAsync();
        await page.GetByLabel("Usuario", new() { Exact = true }).FillAsync("lucia.trabajo");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Psicología" }).CheckAsync();
        await page.GetByLabel("Contraseña inicial").FillAsync(FirstPassword);
        await page.GetByLabel("Repita la contraseña").FillAsync(FirstPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear la cuenta" }).ClickAsync();
        await Assertions.Expect(page.GetByText("El usuario «lucia.trabajo» ya existe. Elija otro.")).ToBeVisibleAsync();

        // The new person signs in with the first password and lands on their inbox.
        await using var person = await WorkspaceFactory.PageAsync(chromium, width: 375);
        await person.Page.GotoAsync(_service.BaseUrl + "/account/login");
        await person.Page.GetByLabel("Usuario").FillAsync("lucia.trabajo");
        await person.Page.GetByLabel("Contraseña").FillAsync(FirstPassword);
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Bandeja de tareas" })).ToBeVisibleAsync();
        // The form's refusals answer 422, which Chromium logs; nothing else may be in the console.
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("status of 422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_until_unlocked_and_a_reset_password_is_the_one_that_works()
    {
        await _service.CreateUserAsync("pedro.educa", Roles.Educator, FirstPassword);
        await using var browser = await WorkspaceFactory.PageAsync(chromium, width: 375);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Admin, "/administration/staff");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cambiar la cuenta pedro.educa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cuenta pedro.educa", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-staff-edit-es-375");

        // Roles: add coordination; an empty choice is refused.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Coordinación" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar los roles" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se guardaron los roles de pedro.educa.");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Coordinación" })).ToBeCheckedAsync();

        // Locked: the person is refused; unlocked: let in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Bloquear la cuenta" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se bloqueó la cuenta pedro.educa.");
        await Assertions.Expect(page.GetByText("Bloqueada", new() { Exact = true })).ToBeVisibleAsync();
        await using var person = await WorkspaceFactory.PageAsync(chromium);
        await SignInAsync(person.Page, "pedro.educa", FirstPassword);
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Desbloquear la cuenta" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se desbloqueó la cuenta pedro.educa.");

        // A new password: the old one no longer works, the new one does.
        await page.GetByLabel("Contraseña nueva").FillAsync("Otra-Contraseña-Nueva-9");
        await page.GetByLabel("Repita la contraseña").FillAsync("Otra-Contraseña-Nueva-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restablecer la contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se restableció la contraseña de pedro.educa.");
        await SignInAsync(person.Page, "pedro.educa", FirstPassword);
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await SignInAsync(person.Page, "pedro.educa", "Otra-Contraseña-Nueva-9");
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Bandeja de tareas" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_staff_pages_read_in_English()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium, "en-US");
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Admin, "/administration/staff/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Social worker" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("administration-staff-new-en-1280");
    }

    private async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync(_service.BaseUrl + "/account/login");
        await page.GetByLabel("Usuario").FillAsync(userName);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
    }

    public void Dispose() => _service.Dispose();
}
