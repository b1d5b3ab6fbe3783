namespace Orchestrator.Notifications.Letters;

/// <summary>Registers and maps this feature (issue 5).</summary>
public static class LettersRegistration
{
    /// <summary>Registers the services of this feature.</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddLetters(this IServiceCollection services) => services;

    /// <summary>Maps the endpoints of this feature.</summary>
    /// <param name="app">The routes.</param>
    public static IEndpointRouteBuilder MapLetterEndpoints(this IEndpointRouteBuilder app) => app;
}
