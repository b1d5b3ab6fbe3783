using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Designer;

/// <summary>
/// Deploys a process with the forms and scenarios that go with it, in one transaction, and records who deployed what
/// (a <c>DesignerDeployed</c> history row besides the core's <c>DefinitionDeployed</c>). Three paths: the designer
/// (validated, forms checked by the form reader, every scenario must pass), the API's <c>POST /api/definitions</c>
/// (the forms the diagram names at their newest version, the previous version's scenarios), and the start-up files
/// (<see cref="WorkflowDeployer"/>: <c>workflows/forms/*.form</c> and <c>workflows/scenarios/PROCESS/*.scenario.json</c>).
/// Rolling back is deploying an older version again, with its forms and scenarios, as the newest.
/// </summary>
public sealed class DesignerDeployment(
    OrchestratorDbContext db,
    WorkflowService workflows,
    DesignerChecks checks,
    DesignerCatalog catalog,
    DeployedForms forms,
    FormCatalog formCatalog,
    TimeProvider time)
{
    /// <summary>The history entry type of a deploy with its forms and scenarios.</summary>
    public const string AuditType = "DesignerDeployed";

    /// <summary>The extension of scenario files.</summary>
    public const string ScenarioExtension = ".scenario.json";

    /// <summary>
    /// Deploys from the designer: refused (with every problem) when the validator finds an error, an edited form is not
    /// a usable form-js schema or its id is not its key, or a scenario cannot run or fails; refused with a conflict when
    /// the draft changed since. A new version is made when the diagram or a form changed; when only the scenarios
    /// changed they replace the newest version's; when nothing changed nothing is deployed. The draft is discarded.
    /// </summary>
    /// <param name="request">The diagram, edited forms, scenarios and the draft.</param>
    /// <param name="actor">Who deploys.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DesignerInputException">Something blocks the deploy; nothing was saved.</exception>
    /// <exception cref="DraftConflictException">The draft was saved by someone else since it was loaded.</exception>
    public async Task<DeployResult> DeployAsync(DeployRequest request, Actor actor, CancellationToken ct) =>
        await DeployCheckedAsync(request, actor, runScenarios: true, ct).ConfigureAwait(false);

    /// <summary>
    /// Rolls back: deploys version <paramref name="version"/>'s diagram, forms and scenarios again as the newest version
    /// (running instances keep theirs). Its scenarios are not re-run: the version ran in production.
    /// </summary>
    /// <param name="processId">The process.</param>
    /// <param name="version">The version to bring back.</param>
    /// <param name="actor">Who deploys.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    public async Task<DeployResult> RedeployAsync(string processId, int version, Actor actor, CancellationToken ct)
    {
        var content = await catalog.GetVersionAsync(processId, version, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Process '{processId}' has no version {version}.");
        return await DeployCheckedAsync(new DeployRequest(content.Xml, content.Forms, content.Scenarios), actor, runScenarios: false, ct, rolledBackFrom: version).ConfigureAwait(false);
    }

    /// <summary>
    /// The API's deploy (<c>POST /api/definitions</c>): as <see cref="WorkflowService.DeployAsync(string, string, Actor, CancellationToken)"/>
    /// (unchanged content keeps its version), and each new version records the forms it names at their newest version
    /// and keeps the previous version's scenarios.
    /// </summary>
    /// <param name="xml">The BPMN XML.</param>
    /// <param name="sourceName">The file name.</param>
    /// <param name="actor">Who deploys.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowValidationException">The file has errors.</exception>
    public Task<IReadOnlyList<DeploymentOutcome>> DeployFromApiAsync(string xml, string sourceName, Actor actor, CancellationToken ct) =>
        DeployPlainAsync(xml, sourceName, actor, scenariosDirectory: null, ct);

    /// <summary>
    /// Start-up: deploys a file of <c>workflows/</c> (its content was never deployed: the caller checked), with the forms
    /// it names at their newest version and the scenarios of <c>SCENARIOS/PROCESS/*.scenario.json</c>.
    /// </summary>
    /// <param name="xml">The file's content.</param>
    /// <param name="fileName">The file name.</param>
    /// <param name="scenariosDirectory">The scenarios folder (<c>workflows/scenarios</c>).</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<DeploymentOutcome>> DeployFileAsync(string xml, string fileName, string scenariosDirectory, CancellationToken ct) =>
        DeployPlainAsync(xml, fileName, Actor.System, scenariosDirectory, ct);

    /// <summary>
    /// Start-up, for a file whose content is deployed already: a version deployed before forms and scenarios were
    /// stored with it gets them now (the forms it names at their newest version, the scenario files), once.
    /// </summary>
    /// <param name="versions">The versions deployed with that content.</param>
    /// <param name="xml">The content.</param>
    /// <param name="scenariosDirectory">The scenarios folder.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task CompleteEarlierDeploymentsAsync(IReadOnlyList<DeploymentOutcome> versions, string xml, string scenariosDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var parsed = BpmnParser.Parse(xml, "workflows");
        if (parsed.Definitions is null)
        {
            return;
        }

        foreach (var v in versions)
        {
            if (await db.Set<DefinitionFormRecord>().AnyAsync(f => f.ProcessId == v.ProcessId && f.ProcessVersion == v.Version, ct).ConfigureAwait(false)
                || await db.Set<DefinitionScenarioRecord>().AnyAsync(s => s.ProcessId == v.ProcessId && s.ProcessVersion == v.Version, ct).ConfigureAwait(false))
            {
                continue;
            }

            var process = parsed.Definitions.Processes.FirstOrDefault(p => p.Id == v.ProcessId);
            if (process is null)
            {
                continue;
            }

            forms.StageDefinitionForms(v.ProcessId, v.Version, await forms.NewestVersionsAsync(FormKeys(process), ct).ConfigureAwait(false));
            foreach (var (name, content) in ScenarioFiles(scenariosDirectory, v.ProcessId))
            {
                db.Add(new DefinitionScenarioRecord { ProcessId = v.ProcessId, ProcessVersion = v.Version, Name = name, Content = content });
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The SHA-256 the core stores for a file's content (<see cref="DefinitionRecord.ContentHash"/>).</summary>
    /// <param name="xml">The content.</param>
    public static string ContentHash(string xml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));

    /// <summary>The literal form keys a process's user tasks name.</summary>
    /// <param name="process">The process.</param>
    public static IReadOnlyList<string> FormKeys(ProcessDefinition process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return [.. process.AllElements.Values.OfType<UserTask>().Select(t => t.FormKey).OfType<ValueExpression>()
            .Where(k => !k.IsFeel && k.Text.Length > 0).Select(k => k.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private async Task<DeployResult> DeployCheckedAsync(DeployRequest request, Actor actor, bool runScenarios, CancellationToken ct, int? rolledBackFrom = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var xml = request.Xml ?? string.Empty;
        var editedForms = request.Forms ?? [];
        var scenarios = request.Scenarios ?? [];

        // 1. Everything is checked before anything is written.
        var problems = (await checks.ValidateAsync(new ValidationRequest(xml, editedForms), ct).ConfigureAwait(false)).Problems.Where(p => p.IsError).ToList();
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in editedForms.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var (json, formProblems) = DesignerChecks.CheckForm(key, node);
            problems.AddRange(formProblems);
            if (json is not null && formProblems.Count == 0)
            {
                schemas[key] = json;
            }
        }

        var parsed = BpmnParser.Parse(xml, DesignerChecks.DraftFileName);
        var processes = parsed.Definitions?.Processes.Where(p => p.IsExecutable).ToList() ?? [];
        // The scenarios belong to the draft's process; if its id was changed in the diagram, to the first process.
        var owner = processes.Any(p => p.Id == request.DraftProcessId) ? request.DraftProcessId : processes.FirstOrDefault()?.Id;
        if (problems.Count == 0 && runScenarios && scenarios.Count > 0)
        {
            foreach (var result in await checks.RunScenariosAsync(new ScenarioRunRequest(xml, scenarios), ct).ConfigureAwait(false))
            {
                if (result.Error is { } error)
                {
                    problems.Add(new("scenario:" + result.Name, "invalid-scenario", error, DesignerProblem.Error));
                }
                else if (!result.Passed)
                {
                    problems.Add(new("scenario:" + result.Name, "scenario-failed", string.Join(" ", result.Failures.Select(f => f.Text)), DesignerProblem.Error));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DesignerInputException($"Not deployed: {problems.Count} problem(s) to fix first.", problems);
        }

        if (processes.Count == 0)
        {
            throw new DesignerInputException("Not deployed: no process in the diagram is executable.",
                [new(BpmnProblem.FileLevel, "no-executable-process", "Mark the process executable (isExecutable=\"true\").", DesignerProblem.Error)]);
        }

        // 2. One transaction: forms, the process version(s) (the core joins it), what goes with them, the audit, the draft.
        var now = time.GetUtcNow();
        var hash = ContentHash(xml);
        var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            try
            {
                await CheckDraftAsync(request, ct).ConfigureAwait(false);
                var formVersions = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (key, json) in schemas)
                {
                    formVersions[key] = await forms.StageAsync(key, json, "designer", actor.Id, now, ct).ConfigureAwait(false);
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                var named = processes.SelectMany(FormKeys).Distinct(StringComparer.Ordinal).Where(k => !formVersions.ContainsKey(k)).ToList();
                foreach (var (key, v) in await forms.NewestVersionsAsync(named, ct).ConfigureAwait(false))
                {
                    formVersions[key] = v;
                }

                var changed = await ChangedAsync(processes, hash, formVersions, ct).ConfigureAwait(false);
                IReadOnlyList<DeploymentOutcome> outcomes;
                if (changed || rolledBackFrom is not null)
                {
                    outcomes = await workflows.DeployAsync(xml, (owner ?? "designer") + ".bpmn", actor, newVersionEvenIfUnchanged: true, ct).ConfigureAwait(false);
                }
                else
                {
                    // Nothing the instances run changed: the newest versions stay (their scenarios may be replaced).
                    var unchanged = new List<DeploymentOutcome>();
                    foreach (var p in processes)
                    {
                        unchanged.Add(new DeploymentOutcome(p.Id, (await catalog.LatestVersionAsync(p.Id, ct).ConfigureAwait(false))!.Value, false));
                    }

                    outcomes = unchanged;
                }

                var stored = new List<string>();
                foreach (var outcome in outcomes)
                {
                    var process = processes.First(p => p.Id == outcome.ProcessId);
                    if (outcome.Created)
                    {
                        forms.StageDefinitionForms(outcome.ProcessId, outcome.Version, FormKeys(process).Where(formVersions.ContainsKey).ToDictionary(k => k, k => formVersions[k], StringComparer.Ordinal));
                    }

                    if (outcome.ProcessId == owner && await ReplaceScenariosAsync(outcome, scenarios, ct).ConfigureAwait(false))
                    {
                        stored.AddRange(scenarios.Select(s => s.Key).Order(StringComparer.Ordinal));
                    }

                    if (outcome.Created || stored.Count > 0)
                    {
                        db.History.Add(new HistoryRecord
                        {
                            At = now,
                            Type = AuditType,
                            ElementId = outcome.ProcessId,
                            UserId = actor.Id,
                            Detail = new JsonObject
                            {
                                ["processId"] = outcome.ProcessId,
                                ["version"] = outcome.Version,
                                ["newVersion"] = outcome.Created,
                                ["contentHash"] = hash,
                                ["forms"] = new JsonObject(FormKeys(process).Where(formVersions.ContainsKey).Select(k => KeyValuePair.Create(k, (JsonNode?)formVersions[k]))),
                                ["scenarios"] = new JsonArray([.. scenarios.Select(s => (JsonNode?)s.Key)]),
                                ["rolledBackFrom"] = rolledBackFrom,
                            }.ToJsonString(),
                        });
                    }
                }

                if (request.DraftProcessId is { } draft)
                {
                    await db.Set<DesignerDraftRecord>().Where(d => d.ProcessId == draft).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                foreach (var (key, json) in schemas)
                {
                    formCatalog.Register(FormSchema.Parse(json, key + ".form"));
                }

                return new DeployResult([.. outcomes.Select(o => new ProcessDeployment(o.ProcessId, o.Version, o.Created))], formVersions, stored);
            }
            catch (DbUpdateException e) when (DatabaseProviders.IsConcurrencyConflict(e))
            {
                throw new WorkflowConflictException("Someone deployed this process at the same moment; open it again to see the newest version, then deploy again.", e);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Whether the diagram or a form differs from what the newest version of each process was deployed with.</summary>
    private async Task<bool> ChangedAsync(IReadOnlyList<ProcessDefinition> processes, string hash, Dictionary<string, int> formVersions, CancellationToken ct)
    {
        foreach (var process in processes)
        {
            var latest = await db.Definitions.AsNoTracking().Where(d => d.ProcessId == process.Id).OrderByDescending(d => d.Version)
                .Select(d => new { d.Version, d.ContentHash }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (latest is null || latest.ContentHash != hash)
            {
                return true;
            }

            var recorded = await db.Set<DefinitionFormRecord>().AsNoTracking().Where(f => f.ProcessId == process.Id && f.ProcessVersion == latest.Version)
                .ToDictionaryAsync(f => f.FormKey, f => f.FormVersion, ct).ConfigureAwait(false);
            if (FormKeys(process).Any(k => formVersions.TryGetValue(k, out var v) && (!recorded.TryGetValue(k, out var r) || r != v)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Stores the scenarios with a new version, or replaces the newest version's when they changed; whether anything was written.</summary>
    private async Task<bool> ReplaceScenariosAsync(DeploymentOutcome outcome, JsonObject scenarios, CancellationToken ct)
    {
        var existing = await db.Set<DefinitionScenarioRecord>().Where(s => s.ProcessId == outcome.ProcessId && s.ProcessVersion == outcome.Version)
            .ToListAsync(ct).ConfigureAwait(false);
        var wanted = scenarios.ToDictionary(s => s.Key, s => s.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
        if (!outcome.Created && existing.Count == wanted.Count && existing.All(e => wanted.TryGetValue(e.Name, out var c) && SameJson(c, e.Content)))
        {
            return false;
        }

        db.RemoveRange(existing);
        foreach (var (name, content) in wanted)
        {
            db.Add(new DefinitionScenarioRecord { ProcessId = outcome.ProcessId, ProcessVersion = outcome.Version, Name = name, Content = content });
        }

        return wanted.Count > 0 || existing.Count > 0;
    }

    private async Task CheckDraftAsync(DeployRequest request, CancellationToken ct)
    {
        if (request.DraftProcessId is not { } processId || request.DraftRevision is not { } revision)
        {
            return;
        }

        var row = await db.Set<DesignerDraftRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == processId, ct).ConfigureAwait(false);
        if (row is null)
        {
            throw new DraftConflictException($"The draft of '{processId}' no longer exists (someone deployed or discarded it).", current: null);
        }

        if (row.Revision != revision)
        {
            throw new DraftConflictException(
                $"The draft of '{processId}' was saved by {row.UpdatedBy} at {row.UpdatedAt:u} after your copy was loaded; reload it before deploying.",
                new DraftSummary(row.ProcessId, row.Revision, row.BaseVersion, row.UpdatedBy, row.UpdatedAt));
        }
    }

    private async Task<IReadOnlyList<DeploymentOutcome>> DeployPlainAsync(string xml, string sourceName, Actor actor, string? scenariosDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            try
            {
                var outcomes = await workflows.DeployAsync(xml, sourceName, actor, ct).ConfigureAwait(false);
                var created = outcomes.Where(o => o.Created).ToList();
                if (created.Count > 0)
                {
                    var definitions = BpmnParser.Parse(xml, sourceName).Definitions!;
                    foreach (var outcome in created)
                    {
                        var process = definitions.Processes.First(p => p.Id == outcome.ProcessId);
                        forms.StageDefinitionForms(outcome.ProcessId, outcome.Version, await forms.NewestVersionsAsync(FormKeys(process), ct).ConfigureAwait(false));
                        var scenarios = scenariosDirectory is null
                            ? (await catalog.ScenariosAsync(outcome.ProcessId, outcome.Version - 1, ct).ConfigureAwait(false)).Select(s => (s.Key, s.Value?.ToJsonString() ?? "null")).ToList()
                            : ScenarioFiles(scenariosDirectory, outcome.ProcessId);
                        foreach (var (name, content) in scenarios)
                        {
                            db.Add(new DefinitionScenarioRecord { ProcessId = outcome.ProcessId, ProcessVersion = outcome.Version, Name = name, Content = content });
                        }
                    }

                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }

                await tx.CommitAsync(ct).ConfigureAwait(false);
                return outcomes;
            }
            catch (DbUpdateException e) when (DatabaseProviders.IsConcurrencyConflict(e))
            {
                throw new WorkflowConflictException("Someone deployed this process at the same moment; try again.", e);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static List<(string Name, string Content)> ScenarioFiles(string directory, string processId)
    {
        var folder = Path.Combine(directory, processId);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.GetFiles(folder, "*" + ScenarioExtension).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f)[..^ScenarioExtension.Length], JsonNode.Parse(File.ReadAllText(f, Encoding.UTF8))?.ToJsonString() ?? "null"))];
    }

    private static bool SameJson(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
}
