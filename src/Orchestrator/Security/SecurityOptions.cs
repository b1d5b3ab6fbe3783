namespace Orchestrator.Security;

/// <summary>The <c>Security</c> section of appsettings.json.</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Security";

    /// <summary>
    /// The API keys programs authenticate with (<c>Authorization: ApiKey &lt;key&gt;</c>). Set them through environment
    /// variables or a secret store in production (<c>Security__ApiKeys__0__Name</c>, <c>…__Key</c>, <c>…__Roles__0</c>).
    /// </summary>
    public IList<ApiKeyOptions> ApiKeys { get; init; } = [];

    /// <summary>
    /// Whether to create one demo account per role at start-up and print their passwords once. Defaults to
    /// <c>true</c> in Development and <c>false</c> elsewhere.
    /// </summary>
    public bool? SeedDemoAccounts { get; init; }

    /// <summary>Failed sign-ins before an account is locked out.</summary>
    public int MaxFailedSignIns { get; init; } = 5;

    /// <summary>How long a lockout lasts.</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A person who makes no request for this long is signed out (the sign-in cookie slides with every request). Staff
    /// work on shared office computers: a page left open must not stay signed in all day.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long before the idle sign-out the pages warn, with a button to stay signed in.</summary>
    public TimeSpan IdleWarning { get; init; } = TimeSpan.FromMinutes(1);
}
