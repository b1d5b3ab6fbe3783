namespace Orchestrator.Supervision;

/// <summary>Registers the supervision services (<c>Supervision/README.md</c>).</summary>
public static class SupervisionServiceCollectionExtensions
{
    /// <summary>Adds <see cref="JourneyMonitor"/>, <see cref="DeadlineWatch"/>, <see cref="AuditTrail"/> and <see cref="OutboxAdministration"/> (scoped).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddScoped<JourneyMonitor>();
        services.AddScoped<DeadlineWatch>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<OutboxAdministration>();
        return services;
    }
}
