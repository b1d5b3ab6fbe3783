using Orchestrator.Tests.Web;

namespace Orchestrator.Tests.Designer;

/// <summary>The real service with the repository's journeys, forms and scenarios (one per test class that shares it).</summary>
public sealed class DesignerServiceFactory : IDisposable
{
    public WorkspaceFactory Service { get; } = new();

    public void Dispose() => Service.Dispose();
}
