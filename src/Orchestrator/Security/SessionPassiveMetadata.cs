namespace Orchestrator.Security;

/// <summary>
/// Marks an endpoint a page calls by itself, not at the person's hand (the inbox's live event stream): like the
/// idle-warning probe, its requests never renew the sign-in session, so an inbox left open still signs out after
/// <c>Security:IdleTimeout</c>.
/// </summary>
public sealed class SessionPassiveMetadata
{
    /// <summary>The one instance.</summary>
    public static SessionPassiveMetadata Instance { get; } = new();
}
