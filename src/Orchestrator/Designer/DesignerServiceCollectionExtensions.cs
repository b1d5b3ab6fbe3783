using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Forms;
using Orchestrator.Workflows;

namespace Orchestrator.Designer;

/// <summary>Registers the designer's services (README in this folder); its routes are <see cref="DesignerEndpoints.MapDesignerEndpoints"/>.</summary>
public static class DesignerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the designer's services (scoped) and the versioned forms: <see cref="DeployedForms"/>, and the workflow
    /// service's form check <see cref="VersionedTaskFormValidator"/> (a task is checked with the form of its own process
    /// version), unless a form check is registered already.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDesigner(this IServiceCollection services)
    {
        services.TryAddScoped<DeployedForms>();
        services.TryAddScoped<DesignerCatalog>();
        services.TryAddScoped<DesignerChecks>();
        services.TryAddScoped<DesignerDrafts>();
        services.TryAddScoped<DesignerDeployment>();
        services.TryAddSingleton<ITaskFormValidator, VersionedTaskFormValidator>();
        return services;
    }
}
