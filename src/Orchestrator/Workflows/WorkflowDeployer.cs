using Microsoft.EntityFrameworkCore;
using Orchestrator.Designer;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// Start-up work of the workflow core: migrate the database, load the definitions, deploy <c>workflows/*.bpmn</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>What a restart deploys.</b> A file of <c>workflows/</c> is deployed at start-up only when its content was never
/// deployed before (no version of any process has its SHA-256). A restart therefore changes nothing that a designer
/// deployed since: the file still holds the content of an older version, so it is left alone and the designer's newer
/// version stays the newest. A file someone changed on disk (new content) is deployed as a new version, as before. The
/// same rule holds for <c>workflows/forms/*.form</c>: a form file becomes a new form version only when its content was
/// never deployed under its key.
/// </para>
/// <para>
/// With the designer registered (the host), forms and scenarios go with the process: the forms load first, and each new
/// version records the forms it names and the scenarios of <c>workflows/scenarios/PROCESS/</c>
/// (<see cref="DesignerDeployment"/>).
/// </para>
/// </remarks>
public sealed class WorkflowDeployer(OrchestratorDbContext db, WorkflowRuntime runtime, WorkflowService workflows, ILogger<WorkflowDeployer> logger,
    DesignerDeployment? designer = null, Forms.DeployedForms? forms = null, TimeProvider? time = null)
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

    /// <summary>
    /// Deploys every <c>*.bpmn</c> of a folder (sorted by name) as the system, each only when its content was never
    /// deployed before (see the remarks); a file already deployed reports the newest version with its content, not new.
    /// </summary>
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

        if (forms is not null)
        {
            await forms.LoadFilesAsync(Path.Combine(directory, "forms"), Actor.System.Id, (time ?? TimeProvider.System).GetUtcNow(), ct).ConfigureAwait(false);
        }

        var scenarios = Path.Combine(directory, "scenarios");
        foreach (var file in Directory.GetFiles(directory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
            var hash = DesignerDeployment.ContentHash(xml);
            var earlier = await db.Definitions.AsNoTracking().Where(d => d.ContentHash == hash)
                .GroupBy(d => d.ProcessId).Select(g => new { ProcessId = g.Key, Version = g.Max(d => d.Version) })
                .ToListAsync(ct).ConfigureAwait(false);
            if (earlier.Count > 0)
            {
                // Deployed before (perhaps as an older version a designer has since replaced): a restart changes nothing.
                var kept = earlier.OrderBy(e => e.ProcessId, StringComparer.Ordinal).Select(e => new DeploymentOutcome(e.ProcessId, e.Version, false)).ToList();
                result.AddRange(kept);
                if (designer is not null)
                {
                    await designer.CompleteEarlierDeploymentsAsync(kept, xml, scenarios, ct).ConfigureAwait(false);
                }

                continue;
            }

            result.AddRange(designer is null
                ? await workflows.DeployAsync(xml, Path.GetFileName(file), Actor.System, ct).ConfigureAwait(false)
                : await designer.DeployFileAsync(xml, Path.GetFileName(file), scenarios, ct).ConfigureAwait(false));
        }

        return result;
    }
}
