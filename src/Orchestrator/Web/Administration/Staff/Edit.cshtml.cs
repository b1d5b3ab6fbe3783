using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Administration.Staff;

/// <summary>
/// <c>/administration/staff/{id}</c>: an administrator changes an account's roles, sets a new password for someone who
/// forgot theirs (which also lifts a lockout), or locks the account of someone who left and unlocks it — the
/// <c>/api/users</c> operations through <see cref="StaffAdministration"/>, each audited. A changed or locked person is
/// signed out within a minute.
/// </summary>
public sealed class EditModel(StaffAdministration staff, TimeProvider time, IStringLocalizer<AdministrationText> text) : PageModel
{
    /// <summary>The account.</summary>
    public StaffAccount Account { get; private set; } = null!;

    /// <summary>Now (to tell a lockout that has run out).</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The roles posted.</summary>
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    /// <summary>The new password.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The new password, again.</summary>
    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Problems, by field id.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the account is locked now.</summary>
    public bool Locked => Account.LockedUntil is { } until && until > Now;

    /// <summary>Shows the account.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct).ConfigureAwait(false);
        Roles = [.. Account.Roles];
    }

    /// <summary>Replaces the roles.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the account, or the form with the error.</returns>
    public async Task<IActionResult> OnPostRolesAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct).ConfigureAwait(false);
        var roles = RoleChoices.Known(Roles);
        if (roles.Count == 0)
        {
            Errors["roles"] = text["Error_RolesRequired"];
            return Invalid();
        }

        try
        {
            await staff.SetRolesAsync(id, roles, User.ToActor(), ct).ConfigureAwait(false);
        }
        catch (WorkflowConflictException)
        {
            Errors["roles"] = text["Error_OwnAdmin"];
            Roles = roles;
            return Invalid();
        }

        TempData["Status"] = text["Staff_RolesSaved", Account.UserName].Value;
        return Redirect($"/administration/staff/{Uri.EscapeDataString(id)}");
    }

    /// <summary>Sets a new password (and lifts a lockout).</summary>
    /// <param name="id">The account id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the account, or the form with the error.</returns>
    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct).ConfigureAwait(false);
        Roles = [.. Account.Roles];
        PasswordRules.Check(Password, ConfirmPassword, Errors, text);
        if (Errors.Count == 0)
        {
            try
            {
                await staff.ResetPasswordAsync(id, Password, User.ToActor(), ct).ConfigureAwait(false);
                TempData["Status"] = text["Staff_PasswordReset", Account.UserName].Value;
                return Redirect($"/administration/staff/{Uri.EscapeDataString(id)}");
            }
            catch (ArgumentException)
            {
                Errors["password"] = text["Error_PasswordRules", PasswordRules.MinLength];
            }
        }

        Password = ConfirmPassword = null;
        return Invalid();
    }

    /// <summary>Locks the account (someone who left).</summary>
    /// <param name="id">The account id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the account.</returns>
    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) => SetLockedAsync(id, true, ct);

    /// <summary>Unlocks the account.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the account.</returns>
    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) => SetLockedAsync(id, false, ct);

    private async Task<IActionResult> SetLockedAsync(string id, bool locked, CancellationToken ct)
    {
        await LoadAsync(id, ct).ConfigureAwait(false);
        try
        {
            await staff.SetLockedAsync(id, locked, User.ToActor(), ct).ConfigureAwait(false);
            TempData["Status"] = (locked ? text["Staff_Locked", Account.UserName] : text["Staff_Unlocked", Account.UserName]).Value;
        }
        catch (WorkflowConflictException)
        {
            TempData["Problem"] = text["Error_OwnLock"].Value;
        }

        return Redirect($"/administration/staff/{Uri.EscapeDataString(id)}");
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(string id, CancellationToken ct) =>
        Account = (await staff.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(a => a.Id == id)
            ?? throw new WorkflowNotFoundException($"No staff account '{id}'.");
}
