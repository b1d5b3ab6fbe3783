using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>Start-up work of the workflow core: migrate the database, load the definitions, deploy <c>workflows/*.bpmn</c>.</summary>
public sealed class WorkflowDeployer(OrchestratorDbContext db, WorkflowRuntime runtime, WorkflowService workflows, ILogger<WorkflowDeployer> logger)
{
    /// <summary>
    /// Applies pending migrations under a database lock (<see cref="DatabaseMigrator"/>: nodes starting together apply each migration once),
    /// then loads every deployed version into memory and plans missing timer start events.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    public async Task InitializeDatabaseAsync(CancellationToken ct)
    {
        await DatabaseMigrator.MigrateAsync(db, ct).ConfigureAwait(false);
        await runtime.RefreshAsync(db, ct).ConfigureAwait(false);
        foreach (var d in runtime.Definitions.LatestVersions())
        {
            await workflows.EnsureStartTimersAsync(d.ProcessId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Deploys every <c>*.bpmn</c> of a folder (sorted by name) as the system; unchanged files keep their version.</summary>
    /// <param name="directory">The folder (for example <c>workflows</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What was deployed.</returns>
    /// <exception cref="WorkflowValidationException">A file is invalid (the start-up should stop and say which).</exception>
    public async Task<IReadOnlyList<DeploymentOutcome>> DeployDirectoryAsync(string directory, CancellationToken ct)
    {
        var result = new List<DeploymentOutcome>();
        if (!Directory.Exists(directory))
        {
            WorkflowLog.NoWorkflowsFolder(logger, directory);
            return result;
        }

        foreach (var file in Directory.GetFiles(directory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
            result.AddRange(await workflows.DeployAsync(xml, Path.GetFileName(file), Actor.System, ct).ConfigureAwait(false));
        }

        return result;
    }
}

/// <summary>The start-up calls of the host (each in the given scope).</summary>
public static class WorkflowStartup
{
    /// <summary>Migrates the database (under EF Core's migration lock) and loads the deployed definitions.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(ct);

    /// <summary>Deploys every <c>*.bpmn</c> of a folder; unchanged files keep their version.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="directory">The folder.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<IReadOnlyList<DeploymentOutcome>> DeployDirectoryAsync(IServiceProvider services, string directory, CancellationToken ct) =>
        services.GetRequiredService<WorkflowDeployer>().DeployDirectoryAsync(directory, ct);
}
