using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Orchestrator.Security;

/// <summary>
/// Signs a person in with a user name and password, for the sign-in page and for <c>POST /account/login</c> (JSON):
/// lockout after <see cref="SecurityOptions.MaxFailedSignIns"/> failures, and one log line per attempt.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, IOptions<SecurityOptions> security, ILogger<StaffSignIn> logger)
{
    /// <summary>The lockout rule, for the message a locked-out person reads.</summary>
    public SecurityOptions Options => security.Value;

    /// <summary>Checks the password and sets the sign-in cookie when it is right.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns>The outcome.</returns>
    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            Hosting.HostLog.SignedIn(logger, userName);
            return SignInOutcome.SignedIn;
        }

        if (result.IsLockedOut)
        {
            Hosting.HostLog.LockedOut(logger, userName);
            return SignInOutcome.LockedOut;
        }

        Hosting.HostLog.SignInFailed(logger, userName);
        return SignInOutcome.Failed;
    }

    /// <summary>Signs the current person out (clears the cookie).</summary>
    public Task SignOutAsync() => signIn.SignOutAsync();
}
