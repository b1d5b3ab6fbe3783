using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Notifications.Effects;
using Orchestrator.Notifications.Templates;

namespace Orchestrator.Notifications.Letters;

/// <summary>
/// Registers the letters: templates, the Chromium printer and the <c>letter</c> job type. The document routes are
/// <see cref="LetterEndpoints.MapLetterEndpoints"/>.
/// </summary>
public static class LettersServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LetterOptions"/> (section <c>Notifications</c>), <see cref="LetterTemplates"/> (compiled at
    /// start-up), <see cref="ChromiumPdfPrinter"/>, <see cref="LetterPrinter"/> and <see cref="LetterJobHandler"/>
    /// (singletons; the job type <c>letter</c>), and <see cref="LetterService"/> (scoped).
    /// </summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddLetters(this IServiceCollection services)
    {
        services.AddOptions<LetterOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.PrintTimeout > TimeSpan.Zero, "Notifications:PrintTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LetterOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NotificationOptions>();
            var directory = options.ResolveDirectory(options.TemplatesPath, sp.GetRequiredService<IHostEnvironment>());
            return LetterTemplates.Load(directory, sp.GetRequiredService<TemplateCatalog>(), sp.GetRequiredService<LetterOptions>(), sp.GetRequiredService<OrganisationLogo>().DataUrl,
                sp.GetRequiredService<ILogger<LetterTemplates>>());
        });
        services.TryAddSingleton<ChromiumPdfPrinter>();
        services.TryAddSingleton<LetterPrinter>();
        services.TryAddSingleton<LetterJobHandler>();
        services.AddSingleton(sp => new NotificationJobHandler(LetterJobHandler.JobType, sp.GetRequiredService<LetterJobHandler>()));
        services.TryAddScoped<LetterService>();
        services.AddHostedService<LetterCompilation>();
        return services;
    }

    /// <summary>Compiles the letters as the host starts, so a broken letter stops the start with the file's name.</summary>
    private sealed class LetterCompilation(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<LetterTemplates>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
