namespace Orchestrator.Notifications.Templates;

/// <summary>Registers the template catalog, compiled once at start-up.</summary>
public static class EmailTemplatesRegistration
{
    /// <summary>Registers <see cref="TemplateCatalog"/> (singleton) and compiles it when the host starts.</summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddEmailTemplates(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NotificationOptions>();
            var directory = options.ResolveDirectory(options.TemplatesPath, sp.GetRequiredService<IHostEnvironment>());
            return TemplateCatalog.Load(directory, options, sp.GetRequiredService<ILogger<TemplateCatalog>>());
        });
        services.AddHostedService<TemplateCompilation>();
        return services;
    }

    /// <summary>Builds the catalog as the host starts, so a broken template stops the start with the file's name.</summary>
    private sealed class TemplateCompilation(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<TemplateCatalog>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
