using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;
using Orchestrator.Engine.Simulation;
using Orchestrator.Engine.Validation;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Designer;

/// <summary>
/// What the designer checks on the server while a person draws: the FEEL of a field as it is typed, the whole diagram
/// with the engine's own validator (plus the forms and handlers this service has), and the process's scenarios run
/// in memory against the draft (with the deployed versions of the processes it calls). Nothing here writes.
/// </summary>
public sealed class DesignerChecks(OrchestratorDbContext db, WorkflowRuntime runtime, DeployedForms forms, FormCatalog catalog, TimeProvider time)
{
    /// <summary>The name problems of a draft are reported under.</summary>
    public const string DraftFileName = "draft.bpmn";

    /// <summary>Parses FEEL: valid, or each syntax error with its line, column and message.</summary>
    /// <param name="check">The text.</param>
    /// <returns>The result.</returns>
    public FeelCheckResult CheckFeel(FeelCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var text = check.Expression ?? string.Empty;

        // Attribute values are FEEL after a leading '='; the column is reported in the text as the person typed it.
        var offset = 0;
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('='))
        {
            offset = text.Length - trimmed.Length + 1;
            text = text[offset..];
        }

        var parsed = check.UnaryTests ? runtime.Feel.ParseUnaryTests(text) : runtime.Feel.Parse(text);
        return new FeelCheckResult(parsed.Succeeded, [.. parsed.Errors.Select(e => new FeelError(e.Line, e.Line == 1 ? e.Column + offset : e.Column, e.Message))]);
    }

    /// <summary>
    /// Validates a diagram as a deploy would (the engine's validator), and what only this service knows: every form a
    /// user task names is deployed or edited in the draft (error <c>unknown-form</c>), every handler a service task
    /// names is registered here (warning <c>unknown-handler</c>); a call of a process deployed here is not a warning.
    /// </summary>
    /// <param name="request">The diagram and the forms edited with it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The findings, errors first.</returns>
    public async Task<ValidationResult> ValidateAsync(ValidationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = BpmnParser.Parse(request.Xml ?? string.Empty, DraftFileName);
        var problems = BpmnValidator.ValidateParsed([parsed], runtime.Feel).Select(DesignerProblem.From).ToList();
        if (parsed.Definitions is { } definitions)
        {
            // The validator sees one file; a call of a process this service has deployed is fine.
            // The processes this node has loaded (the runtime's memory: no query on every keystroke's check).
            var deployed = runtime.Definitions.LatestVersions().Select(d => d.ProcessId).ToHashSet(StringComparer.Ordinal);
            var callsDeployed = definitions.Processes.SelectMany(p => p.AllElements.Values).OfType<CallActivity>()
                .Where(c => !c.CalledElement.IsFeel && deployed.Contains(c.CalledElement.Text)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            problems.RemoveAll(p => p.Code == "called-process-unknown" && callsDeployed.Contains(p.ElementId));

            var known = (await forms.KeysAsync(ct).ConfigureAwait(false)).Concat(catalog.Keys)
                .Concat(request.Forms?.Select(f => f.Key) ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var element in definitions.Processes.SelectMany(p => p.AllElements.Values))
            {
                switch (element)
                {
                    case UserTask { FormKey: { IsFeel: false, Text: { Length: > 0 } key } } when !known.Contains(key):
                        problems.Add(new(element.Id, "unknown-form", $"The form '{key}' is not deployed: pick a deployed form, or create it in the form editor.", DesignerProblem.Error));
                        break;
                    case ServiceTask { Type: { Length: > 0 } type } when runtime.Handlers.Find(type) is null:
                        problems.Add(new(element.Id, "unknown-handler", $"This service has no handler '{type}': the task will fail when it runs, until one is registered.", DesignerProblem.Warning));
                        break;
                }
            }
        }

        return new ValidationResult([.. problems.OrderBy(p => p.IsError ? 0 : 1)]);
    }

    /// <summary>
    /// Checks a form with the server's form reader (the rules a deploy applies): a usable form-js schema whose id is
    /// its key. Returns the schema as stored (compact JSON) and the problems.
    /// </summary>
    /// <param name="key">The form key.</param>
    /// <param name="schema">The form-js schema.</param>
    /// <returns>The stored JSON (null when it is not JSON) and every problem.</returns>
    public static (string? Json, IReadOnlyList<DesignerProblem> Problems) CheckForm(string key, JsonNode? schema)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problems = new List<DesignerProblem>();
        string? json = null;
        try
        {
            json = DeployedForms.Normalise(schema?.ToJsonString() ?? "null");
            var parsed = FormSchema.Parse(json, key + ".form");
            if (parsed.Id != key)
            {
                problems.Add(new("form:" + key, "invalid-form", $"The form's id is '{parsed.Id}' but it is saved as '{key}': user tasks find a form by its id, so they must be the same.", DesignerProblem.Error));
            }
        }
        catch (FormSchemaException e)
        {
            problems.AddRange((e.Problems.Count > 0 ? e.Problems : [e.Message]).Select(p => new DesignerProblem("form:" + key, "invalid-form", p, DesignerProblem.Error)));
        }

        return (json, problems);
    }

    /// <summary>
    /// Runs each scenario in memory against the diagram (the first file; the processes it calls are taken at their
    /// latest deployed version), as the <c>simulate</c> command does.
    /// </summary>
    /// <param name="request">The diagram and the scenarios.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>One result per scenario, in name order.</returns>
    public async Task<IReadOnlyList<ScenarioRunResult>> RunScenariosAsync(ScenarioRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenarios = (request.Scenarios ?? []).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var parsed = BpmnParser.Parse(request.Xml ?? string.Empty, DraftFileName);
        var errors = BpmnValidator.ValidateParsed([parsed], runtime.Feel).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (parsed.Definitions is null || errors.Count > 0)
        {
            var why = $"The diagram has {errors.Count} error(s); fix them first ({string.Join("; ", errors.Take(3).Select(e => e.ElementId + ": " + e.Message))}).";
            return [.. scenarios.Select(s => new ScenarioRunResult(s.Key, false, [], [], why))];
        }

        var own = parsed.Definitions.Processes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var files = new List<BpmnSource> { new(DraftFileName, request.Xml!) };
        files.AddRange(await CalledProcessFilesAsync(own, ct).ConfigureAwait(false));
        return [.. scenarios.Select(s => Run(s.Key, s.Value, files))];
    }

    /// <summary>Runs one scenario against the files (the first holds the default process).</summary>
    /// <param name="name">The scenario's name.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="files">The diagram and the processes it calls.</param>
    /// <returns>The result.</returns>
    public ScenarioRunResult Run(string name, JsonNode? scenario, IReadOnlyList<BpmnSource> files)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(files);
        Scenario parsed;
        try
        {
            parsed = Scenario.Parse(scenario?.ToJsonString() ?? "null", time.GetUtcNow());
        }
        catch (ScenarioFormatException e)
        {
            return new ScenarioRunResult(name, false, [], [], e.Message);
        }

        SimulationReport report;
        try
        {
            report = ScenarioRunner.Run(files, parsed);
        }
        catch (ScenarioFormatException e)
        {
            return new ScenarioRunResult(name, false, [], [], e.Message);
        }
        catch (Exception e) when (e is WorkflowCommandException or InvalidOperationException or ArgumentException)
        {
            return new ScenarioRunResult(name, false, [], [], e.Message);
        }

        var elapsed = ElapsedByStep(parsed);
        var start = parsed.Start;
        return new ScenarioRunResult(
            name,
            report.Passed,
            [.. report.Failures.Select(f => ScenarioFailureReader.Read(f, elapsed))],
            [.. report.Trace.Select(t => new ScenarioTraceStep((long)(t.At - start).TotalMinutes, t.Element, t.Event))],
            null);
    }

    /// <summary>The latest deployed XML of every process not drawn in the draft (a scenario may run into a call of them).</summary>
    /// <param name="drawn">The process ids the draft defines.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<BpmnSource>> CalledProcessFilesAsync(IReadOnlySet<string> drawn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var latest = await db.Definitions.AsNoTracking()
            .GroupBy(d => d.ProcessId).Select(g => new { ProcessId = g.Key, Version = g.Max(d => d.Version) })
            .ToListAsync(ct).ConfigureAwait(false);
        var files = new List<BpmnSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in latest.Where(l => !drawn.Contains(l.ProcessId)).OrderBy(l => l.ProcessId, StringComparer.Ordinal))
        {
            var row = await db.Definitions.AsNoTracking().Where(d => d.ProcessId == l.ProcessId && d.Version == l.Version)
                .Select(d => new { d.Xml, d.ContentHash, d.SourceName }).SingleAsync(ct).ConfigureAwait(false);

            // A file with several processes was deployed once per process; it must be loaded once, and not at all when
            // it also defines a process the draft draws.
            if (seen.Add(row.ContentHash) && !BpmnParser.Parse(row.Xml, row.SourceName).Definitions!.Processes.Any(p => drawn.Contains(p.Id)))
            {
                files.Add(new BpmnSource(row.SourceName, row.Xml));
            }
        }

        return files;
    }

    private static Dictionary<int, long> ElapsedByStep(Scenario scenario)
    {
        var at = scenario.Start;
        var result = new Dictionary<int, long>();
        foreach (var step in scenario.Steps)
        {
            if (step is ScenarioStep.Advance advance)
            {
                at = advance.Duration.AddTo(at);
            }

            result[step.Number] = (long)(at - scenario.Start).TotalMinutes;
        }

        return result;
    }
}
