namespace Orchestrator.Notifications.EmailActions;

/// <summary>Registers and maps this feature (issue 5).</summary>
public static class EmailActionsRegistration
{
    /// <summary>Registers the services of this feature.</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddEmailActions(this IServiceCollection services) => services;

    /// <summary>Maps the endpoints of this feature.</summary>
    /// <param name="app">The routes.</param>
    public static IEndpointRouteBuilder MapEmailActionEndpoints(this IEndpointRouteBuilder app) => app;
}
