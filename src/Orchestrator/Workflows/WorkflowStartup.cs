namespace Orchestrator.Workflows;

/// <summary>The start-up calls of the host (each in the given scope).</summary>
public static class WorkflowStartup
{
    /// <summary>Migrates the database (under EF Core's migration lock) and loads the deployed definitions.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(ct);

    /// <summary>Deploys every <c>*.bpmn</c> of a folder whose content was never deployed (<see cref="WorkflowDeployer"/>).</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="directory">The folder.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<IReadOnlyList<DeploymentOutcome>> DeployDirectoryAsync(IServiceProvider services, string directory, CancellationToken ct) =>
        services.GetRequiredService<WorkflowDeployer>().DeployDirectoryAsync(directory, ct);
}
