namespace Orchestrator.Security;

/// <summary>What a sign-in attempt came to.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in; the cookie is set.</summary>
    SignedIn,

    /// <summary>Wrong user name or password (the two are not told apart).</summary>
    Failed,

    /// <summary>The account is locked (too many failures, or by an administrator).</summary>
    LockedOut,
}
