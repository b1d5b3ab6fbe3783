namespace Orchestrator.Notifications.Templates;

/// <summary>Registers and maps this feature (issue 5).</summary>
public static class EmailTemplatesRegistration
{
    /// <summary>Registers the services of this feature.</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddEmailTemplates(this IServiceCollection services) => services;

}
