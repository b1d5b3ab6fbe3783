using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;

namespace Orchestrator.Web.Account;

/// <summary>
/// The sign-in page (<c>/account/login</c>): user name and password; a wrong pair and a locked account are said in
/// words; a person who was signed out for inactivity is told so. Programs sign in at the same address with JSON
/// (<c>AccountEndpoints</c>); routing tells the two apart by content type.
/// </summary>
public sealed class LoginModel(StaffSignIn signIn, IStringLocalizer<AccountText> text) : PageModel
{
    /// <summary>The user name typed.</summary>
    [BindProperty]
    [Required]
    public string? UserName { get; set; }

    /// <summary>The password typed (never shown again).</summary>
    [BindProperty]
    [Required]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local path).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the person is here again: <c>idle</c> (signed out for inactivity) or nothing.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    /// <summary>Set after a sign-out.</summary>
    [BindProperty(SupportsGet = true)]
    public string? SignedOut { get; set; }

    /// <summary>What went wrong, in words, or <c>null</c>.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form; a person already signed in goes on.</summary>
    /// <returns>The page or a redirect.</returns>
    public IActionResult OnGet()
    {
        if (User.Identity is { IsAuthenticated: true } && SignedOut is null && Reason is null)
        {
            return LocalRedirect(Target);
        }

        return Page();
    }

    /// <summary>Checks the password; on success goes to the page asked for (or the inbox).</summary>
    /// <returns>The page with the error, or a redirect.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["Required"];
            return Page();
        }

        var outcome = await signIn.SignInAsync(UserName, Password).ConfigureAwait(false);
        Password = null;
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(Target);
            case SignInOutcome.LockedOut:
                Error = text["LockedOut", (int)signIn.Options.LockoutDuration.TotalMinutes, signIn.Options.MaxFailedSignIns];
                break;
            default:
                Error = text["Failed"];
                break;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string Target => AccountEndpoints.IsLocal(ReturnUrl) ? ReturnUrl! : "/";
}
