using Microsoft.Extensions.Options;
using Orchestrator.Security;

namespace Orchestrator.Hosting;

/// <summary>
/// Start-up work, in order, before the server accepts requests: the database schema (migrations under a lock),
/// Identity's roles and (in Development) the demo accounts, then every <c>workflows/*.bpmn</c> deployed.
/// A failure stops the service with the reason.
/// </summary>
internal sealed class StartupInitializer(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IOptions<OrchestratorOptions> options,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;

        // The forms load first: a broken form stops the start-up naming its file.
        _ = services.GetRequiredService<Forms.FormCatalog>();

        await Workflows.WorkflowStartup.MigrateAsync(services, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IdentitySeeder>().SeedAsync(cancellationToken).ConfigureAwait(false);

        var directory = options.Value.ResolveWorkflowsDirectory(environment);
        if (directory is null)
        {
            HostLog.NoWorkflowsDirectory(logger, options.Value.WorkflowsPath);
            return;
        }

        await Workflows.WorkflowStartup.DeployDirectoryAsync(services, directory, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<Cases.CaseSeeder>().SeedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
