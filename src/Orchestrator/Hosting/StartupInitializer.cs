using Microsoft.Extensions.Options;
using Orchestrator.Security;

namespace Orchestrator.Hosting;

/// <summary>
/// Start-up work, in order, before the server accepts requests, once <see cref="DatabaseMigration"/> has brought the
/// schema up to date: the forms, Identity's roles and (in Development) the demo accounts, then every
/// <c>workflows/*.bpmn</c> deployed.
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

        // Under the start-up lock: nodes starting together on a new database would otherwise both create the roles
        // (one fails on the unique name and stops) and both deploy the same files.
        var db = services.GetRequiredService<Persistence.OrchestratorDbContext>();
        await Persistence.DatabaseMigrator.UnderLockAsync(db, async ct =>
        {
            await services.GetRequiredService<IdentitySeeder>().SeedAsync(ct).ConfigureAwait(false);

            var directory = options.Value.ResolveWorkflowsDirectory(environment);
            if (directory is null)
            {
                HostLog.NoWorkflowsDirectory(logger, options.Value.WorkflowsPath);
                return;
            }

            await Workflows.WorkflowStartup.DeployDirectoryAsync(services, directory, ct).ConfigureAwait(false);
            await services.GetRequiredService<Cases.CaseSeeder>().SeedAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
