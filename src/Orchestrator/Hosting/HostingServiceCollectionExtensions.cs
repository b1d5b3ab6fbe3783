using Orchestrator.Persistence;

namespace Orchestrator.Hosting;

/// <summary>Registers what belongs to the service as a whole rather than to one feature: its settings and its metrics.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="OrchestratorOptions"/> (section <c>Orchestrator</c>) and <see cref="OrganisationOptions"/> (section
    /// <c>Organisation</c>), both checked at start-up: a wrong value stops the start naming the setting.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrchestratorOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OrchestratorOptions>().BindConfiguration(OrchestratorOptions.Section)
            .Validate(o => o.MaxRequestBodyBytes > 0, "Orchestrator:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<OrganisationOptions>().BindConfiguration(OrganisationOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name), "Organisation:Name must not be empty.")
            .Validate(o => o.DefaultLanguage is "es" or "en", "Organisation:DefaultLanguage must be 'es' or 'en'.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Organisation:TimeZone must be an IANA time zone id such as America/Mexico_City.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Adds <see cref="OrchestratorMetrics"/> (the <c>Orchestrator</c> meter) and the <see cref="MetricsInterceptor"/>
    /// that times every database command of <see cref="OrchestratorDbContext"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrchestratorMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<MetricsInterceptor>();
        services.ConfigureDbContext<OrchestratorDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<MetricsInterceptor>()));
        return services;
    }
}
