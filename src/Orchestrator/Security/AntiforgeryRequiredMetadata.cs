namespace Orchestrator.Security;

/// <summary>Marks an endpoint that validates the anti-forgery token even for anonymous callers (the sign-in form).</summary>
public sealed class AntiforgeryRequiredMetadata
{
    /// <summary>The one instance.</summary>
    public static AntiforgeryRequiredMetadata Instance { get; } = new();
}
