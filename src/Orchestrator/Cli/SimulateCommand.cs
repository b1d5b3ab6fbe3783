using Orchestrator.Engine.Model;
using Orchestrator.Engine.Simulation;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;

namespace Orchestrator.Cli;

/// <summary>
/// <c>simulate FILE.bpmn… --scenario SCENARIO.json</c>: run one instance in memory on a virtual clock and print
/// the JSON report (<c>{"trace","active","ended","variables","incidents","failures"}</c>) on stdout. Exit 0 when every step ran and every expectation held, 1 when
/// one did not (the failures are also written to stderr), 2 when the simulation could not run at all: a bad
/// command line, an invalid BPMN file (its problems on stderr, as <c>validate</c> prints them) or a scenario that
/// cannot be read (the field that is wrong on stderr).
/// </summary>
internal static class SimulateCommand
{
    private const string Usage = "usage: orchestrator simulate FILE.bpmn... --scenario SCENARIO.json";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        string? scenarioPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--scenario" && i + 1 < args.Length)
            {
                scenarioPath = args[++i];
            }
            else if (args[i] is "-h" or "--help")
            {
                await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                return 0;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"simulate: unknown or incomplete option '{args[i]}'.{Environment.NewLine}{Usage}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }
            else
            {
                files.Add(args[i]);
            }
        }

        if (files.Count == 0 || scenarioPath is null)
        {
            await stderr.WriteLineAsync($"simulate: {(files.Count == 0 ? "no BPMN file given" : "no --scenario given")}.{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }

        var problems = ValidationReport.ValidateFiles(files, new FeelEngine(), cancellationToken);
        if (!ValidationReport.IsValid(problems))
        {
            foreach (var problem in problems.Where(p => p.Severity == ProblemSeverity.Error))
            {
                await stderr.WriteLineAsync(ValidationReport.FormatLine(problem)).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("simulate: the BPMN files are not valid; nothing was run.").ConfigureAwait(false);
            return CommandLine.UsageError;
        }

        SimulationReport report;
        try
        {
            var scenarioText = await File.ReadAllTextAsync(scenarioPath, cancellationToken).ConfigureAwait(false);
            var scenario = Scenario.Parse(scenarioText, TimeProvider.System.GetUtcNow());
            var sources = new List<BpmnSource>(files.Count);
            foreach (var file in files)
            {
                sources.Add(new BpmnSource(file, await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
            }

            report = ScenarioRunner.Run(sources, scenario);
        }
        catch (ScenarioFormatException e)
        {
            await stderr.WriteLineAsync($"simulate: {scenarioPath}: {e.Message}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"simulate: {scenarioPath}: cannot be read: {e.Message}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }

        await stdout.WriteLineAsync(report.ToJson()).ConfigureAwait(false);
        foreach (var failure in report.Failures)
        {
            await stderr.WriteLineAsync(failure).ConfigureAwait(false);
        }

        return report.Passed ? 0 : 1;
    }
}
