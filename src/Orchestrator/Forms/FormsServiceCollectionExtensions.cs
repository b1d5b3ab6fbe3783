using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Workflows;

namespace Orchestrator.Forms;

/// <summary>Registers the task forms: the catalog of <c>workflows/forms/*.form</c> and the check of a task's answers.</summary>
public static class FormsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="FormCatalog"/> (every <c>forms/*.form</c> of the workflows directory, read once) and, unless a
    /// form check is registered already (the designer's versioned one, <see cref="VersionedTaskFormValidator"/>), the
    /// catalog's check (<see cref="CatalogTaskFormValidator"/>): task completion answers 422 naming the fields.
    /// </summary>
    /// <param name="services">The services (<see cref="OrchestratorOptions"/> bound).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ResolveWorkflowsDirectory(sp.GetRequiredService<IHostEnvironment>());
            var validator = new FormValidator(timeProvider: sp.GetRequiredService<TimeProvider>());
            return directory is null ? new FormCatalog([], validator) : FormCatalog.Load(Path.Combine(directory, "forms"), validator);
        });
        services.TryAddSingleton<ITaskFormValidator>(sp => new CatalogTaskFormValidator(sp.GetRequiredService<FormCatalog>()));
        return services;
    }
}
