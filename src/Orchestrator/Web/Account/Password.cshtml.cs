using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;

namespace Orchestrator.Web.Account;

/// <summary>
/// A person changes their own password (<c>/account/password</c>) through the same service as
/// <c>POST /account/password</c>: the current one, the new one twice; at least 12 characters. Audited by the service.
/// </summary>
public sealed class PasswordModel(StaffAdministration staff, IStringLocalizer<AccountText> text) : PageModel
{
    /// <summary>The password the person has.</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    /// <summary>The one they want.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The one they want, again.</summary>
    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Problems, by field id (<c>currentPassword</c>, <c>newPassword</c>, <c>confirmPassword</c>).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Changes the password, or shows what to fix.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page, or back to the inbox with a message.</returns>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors["currentPassword"] = text["Password_CurrentRequired"];
        }

        if (string.IsNullOrEmpty(NewPassword) || NewPassword.Length < 12)
        {
            Errors["newPassword"] = text["Password_TooShort", 12];
        }
        else if (!string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            Errors["confirmPassword"] = text["Password_Mismatch"];
        }

        if (Errors.Count == 0)
        {
            try
            {
                await staff.ChangeOwnPasswordAsync(User.ToActor(), CurrentPassword, NewPassword, ct).ConfigureAwait(false);
                TempData["Status"] = text["Password_Changed"].Value;
                return LocalRedirect("/");
            }
            catch (ArgumentException e) when (e.Message.StartsWith("currentPassword", StringComparison.Ordinal))
            {
                Errors["currentPassword"] = text["Password_CurrentWrong"];
            }
            catch (ArgumentException)
            {
                // The account's password rules (Identity's) refused it: the page says the rules in the person's language.
                Errors["newPassword"] = text["Password_Rules"];
            }
        }

        CurrentPassword = NewPassword = ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
