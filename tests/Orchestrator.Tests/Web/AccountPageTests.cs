using Microsoft.Playwright;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web;

/// <summary>
/// Signing in, out and changing one's password in Chromium, as a person does: by label, with the keyboard, on a phone,
/// in Spanish and English, checked by axe-core.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AccountPageTests(ChromiumBrowser chromium) : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_social_worker_signs_in_with_the_keyboard_and_lands_on_the_inbox()
    {
        var user = await _service.PersonAsync(Roles.SocialWorker);
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await page.GotoAsync(_service.BaseUrl + "/");

        // Not signed in: the sign-in page, in Spanish, with the organisation's name and no product name.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        Assert.Equal("Iniciar sesión · Casa Alianza México", await page.TitleAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Keyboard only: the user name has the focus; Tab to the password; Enter sends.
        await page.Keyboard.TypeAsync(user);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(WorkspaceFactory.Password);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bandeja de tareas" })).ToBeVisibleAsync();
        Assert.Equal(_service.BaseUrl + "/", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navegación principal" }).GetByRole(AriaRole.Link, new() { Name = "Bandeja" }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("workspace-inbox-es-1280");

        // Sign out from the header: back on the sign-in page, told so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Cerró su sesión." })).ToBeVisibleAsync();
        await page.GotoAsync(_service.BaseUrl + "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task A_wrong_password_and_a_locked_account_are_said_in_words_and_the_user_name_is_kept()
    {
        var user = await _service.PersonAsync(Roles.Educator);
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await page.GotoAsync(_service.BaseUrl + "/account/login");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("Usuario").FillAsync(user);
            await page.GetByLabel("Contraseña").FillAsync("no-es-la-contraseña-" + attempt);
            await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
            var alert = page.GetByRole(AriaRole.Alert);
            if (attempt < 5)
            {
                await Assertions.Expect(alert).ToHaveTextAsync("El usuario o la contraseña no son correctos. Revíselos e intente de nuevo.");
                await Assertions.Expect(page.GetByLabel("Usuario")).ToHaveValueAsync(user);
                await Assertions.Expect(page.GetByLabel("Contraseña")).ToHaveValueAsync("");
            }
        }

        // The fifth failure locks the account; the right password is refused with the lockout in words.
        await page.GetByLabel("Contraseña").FillAsync(WorkspaceFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Su cuenta quedó bloqueada por 15 minutos después de 5 intentos fallidos");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("workspace-login-locked-es");
    }

    [Fact]
    public async Task The_sign_in_page_in_English_fits_a_phone_and_the_language_button_switches()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium, "en-US", width: 375);
        var page = browser.Page;
        await page.GotoAsync(_service.BaseUrl + "/account/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("workspace-login-en-375");

        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        await Accessibility.AssertNoHorizontalScrollingAsync(page);
        await browser.ScreenshotAsync("workspace-login-es-375");

        // The choice is kept for the next page.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_changes_their_password_and_signs_in_with_the_new_one()
    {
        await using var browser = await WorkspaceFactory.PageAsync(chromium, width: 375);
        var page = browser.Page;
        await _service.SignInAsync(page, Roles.Lawyer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cambiar contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cambiar contraseña" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Accessibility.AssertNoHorizontalScrollingAsync(page);

        // Wrong current password and mismatched new ones: said at each field, nothing changed.
        await page.GetByLabel("Contraseña actual").FillAsync("no-es-esta-1A!");
        await page.GetByLabel("Contraseña nueva", new() { Exact = true }).FillAsync("Otra-Contraseña-Nueva-2");
        await page.GetByLabel("Repita la contraseña nueva").FillAsync("Otra-Contraseña-Nueva-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByText("La contraseña actual no es correcta.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Contraseña actual")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Contraseña actual").FillAsync(WorkspaceFactory.Password);
        await page.GetByLabel("Contraseña nueva", new() { Exact = true }).FillAsync("Otra-Contraseña-Nueva-2");
        await page.GetByLabel("Repita la contraseña nueva").FillAsync("Otra-Contraseña-Nueva-3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Las dos contraseñas nuevas no coinciden.")).ToBeVisibleAsync();

        await page.GetByLabel("Contraseña actual").FillAsync(WorkspaceFactory.Password);
        await page.GetByLabel("Contraseña nueva", new() { Exact = true }).FillAsync("Otra-Contraseña-Nueva-2");
        await page.GetByLabel("Repita la contraseña nueva").FillAsync("Otra-Contraseña-Nueva-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Su contraseña se cambió. Úsela la próxima vez que inicie sesión.");

        // Signed out, the old password no longer works and the new one does.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await page.GetByLabel("Usuario").FillAsync(Roles.Lawyer);
        await page.GetByLabel("Contraseña").FillAsync(WorkspaceFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await page.GetByLabel("Contraseña").FillAsync("Otra-Contraseña-Nueva-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bandeja de tareas" })).ToBeVisibleAsync();
    }

    public void Dispose() => _service.Dispose();
}
