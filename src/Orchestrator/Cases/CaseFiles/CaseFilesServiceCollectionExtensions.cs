using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>Registers the case file as staff work with it: the services behind the case pages and their API (<see cref="CaseFileEndpoints.MapCaseFileEndpoints"/>).</summary>
public static class CaseFilesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CaseFileService"/>, <see cref="CaseRegistrationService"/> and <see cref="CaseOverviewService"/>
    /// (scoped) and <see cref="CaseDocumentOptions"/> (section <c>Cases:Documents</c>, checked at start-up). Needs the case
    /// domain and the workflow core registered too.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCaseFiles(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CaseDocumentOptions>().BindConfiguration(CaseDocumentOptions.Section)
            .Validate(o => o.MaxBytes > 0, "Cases:Documents:MaxBytes must be positive.")
            .ValidateOnStart();
        services.TryAddScoped<CaseFileService>();
        services.TryAddScoped<CaseRegistrationService>();
        services.TryAddScoped<CaseOverviewService>();
        return services;
    }
}
