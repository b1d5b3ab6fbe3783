using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>Registration of <c>Idempotency-Key</c> support.</summary>
internal static class IdempotencyServiceCollectionExtensions
{
    /// <summary>The per-request key, the effect that writes it in the command's transaction, and the hourly clean-up.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services)
    {
        services.AddScoped<IdempotencyScope>();
        services.AddScoped<IWorkflowEffects, IdempotencyEffect>();
        services.AddHostedService<IdempotencyCleanup>();
        return services;
    }
}
