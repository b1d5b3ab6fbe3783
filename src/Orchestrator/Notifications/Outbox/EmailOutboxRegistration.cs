namespace Orchestrator.Notifications.Outbox;

/// <summary>Registers and maps this feature (issue 5).</summary>
public static class EmailOutboxRegistration
{
    /// <summary>Registers the services of this feature.</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services) => services;

    /// <summary>Maps the endpoints of this feature.</summary>
    /// <param name="app">The routes.</param>
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app) => app;
}
