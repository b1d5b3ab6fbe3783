using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Administration.Staff;

/// <summary>
/// <c>/administration/staff/new</c>: an administrator creates an account with its roles and a first password, through
/// <see cref="StaffAdministration.CreateAsync"/> (audited as <c>StaffAccountCreated</c>). Problems are said at their
/// fields in the page's language; the input is kept (the passwords are not).
/// </summary>
public sealed class NewModel(StaffAdministration staff, IStringLocalizer<AdministrationText> text) : PageModel
{
    /// <summary>The user name the person signs in with.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The email address (optional).</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The roles.</summary>
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    /// <summary>The first password.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The first password, again.</summary>
    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Problems, by field id.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Creates the account, or shows what to fix.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The list with a message, or the form with the errors.</returns>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var roles = RoleChoices.Known(Roles);
        if (string.IsNullOrWhiteSpace(UserName))
        {
            Errors["userName"] = text["Error_UserNameRequired"];
        }

        if (!string.IsNullOrWhiteSpace(Email) && !Notifications.EmailAddresses.IsPlain(Email.Trim()))
        {
            Errors["email"] = text["Error_Email"];
        }

        if (roles.Count == 0)
        {
            Errors["roles"] = text["Error_RolesRequired"];
        }

        PasswordRules.Check(Password, ConfirmPassword, Errors, text);
        if (Errors.Count == 0)
        {
            try
            {
                var account = await staff.CreateAsync(new NewStaffAccount(UserName!.Trim(), string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(), roles, Password), User.ToActor(), ct)
                    .ConfigureAwait(false);
                TempData["Status"] = text["Staff_Created", account.UserName].Value;
                return Redirect("/administration/staff");
            }
            catch (WorkflowConflictException)
            {
                Errors["userName"] = text["Error_UserNameTaken", UserName!.Trim()];
            }
            catch (ArgumentException e)
            {
                PasswordRules.Place(e.Message, Errors, text);
            }
        }

        Roles = roles;
        Password = ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
