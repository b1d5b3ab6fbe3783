namespace Orchestrator.Supervision;

/// <summary>Registers the supervision services (<c>Supervision/README.md</c>).</summary>
public static class SupervisionServiceCollectionExtensions
{
    /// <summary>Adds <see cref="JourneyMonitor"/>, <see cref="DeadlineWatch"/> and <see cref="AuditTrail"/> (scoped; the outbox pages use the notifications' <c>OutboxAdministration</c>).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddScoped<JourneyMonitor>();
        services.AddScoped<DeadlineWatch>();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
