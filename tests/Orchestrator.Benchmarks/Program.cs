using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Running;
using Orchestrator.Benchmarks;

// Benchmarks are a console program, never timing assertions in tests: these machines are shared and noisy.
//
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- report [--seconds 3]
//       quick single-process figures with the reference (feelin, bpmn-engine) and the ratio, as a table
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- service-report [--seconds 3] [--memory-steps 1000000] [--loop 50] [--only sqlite,postgres,commands,inbox,memory]
//       the durable service on SQLite and a throwaway PostgreSQL: commands/s against the raw insert+update
//       transaction and pgbench, the inbox query (pages of 1,000 and 100, a later page, a coordinator), memory over
//       many engine steps (a step = one completed element; --loop rounds of a script loop per start command). --only
//       names databases (sqlite, postgres) and figures (commands, inbox; memory runs on PostgreSQL) apart; see ServiceReport.cs
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- timer-report [--timers 100000] [--rate 100] [--seconds 10] [--threads n] [--only sqlite,postgres]
//       Hangfire timers (the timer speed goals): start with 100,000 pending timers, firing lateness p99 at 100 timers/s, early firings (TimerReport.cs)
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- workspace-report [--runs 50] [--only sqlite,postgres,chromium]
//       the staff workspace from the real host: the inbox page for a person in two groups with 100,000 open
//       tasks, its counts and the task page, on SQLite and PostgreSQL; the compressed JavaScript each page downloads; the
//       task page in Chromium until its form is usable (WorkspaceReport.cs, README.md)
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- interop PATH... [--list] [--code CODE]
//       `validate` over every .bpmn file under the paths, one by one (BPMN MIWG suite, Camunda examples): files,
//       files refused, crashes, diagnostics per code, elements with more than one error (InteropReport.cs)
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- tck PATH [--verbose]
//       the DMN TCK compliance-level-3 cases that apply to standalone FEEL (PATH: dmn-tck/tck's TestCases/compliance-level-3):
//       pass rate and each failure (Tck/TckReport.cs)
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- supervision-report [--only sqlite,postgres]
//       the supervision pages' server time: the journeys overview with 10,000 running instances and 100
//       incidents, the deadlines page over 100,000 open tasks and timers (SupervisionReport.cs)
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- designer-report [--elements 200] [--opens 10] [--validations 200]
//       the designer: a 200-element journey opened in Chromium until its markers are drawn, and the server
//       validator over loopback (DesignerReport.cs)
//   dotnet run -c Release --project tests/Orchestrator.Benchmarks -- --filter *
//       the full BenchmarkDotNet run (FeelBenchmarks prints the feelin ratio in its columns)
//
// The Node reference tools (tests/node) are installed with `npm ci` on first use when missing.
if (args.Length > 0 && args[0] == "service-report")
{
    return await ServiceReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "workspace-report")
{
    return await WorkspaceReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "supervision-report")
{
    return await SupervisionReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "timer-report")
{
    return await TimerReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "interop")
{
    return InteropReport.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "tck")
{
    return Orchestrator.Benchmarks.Tck.TckReport.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "designer-report")
{
    return await DesignerReport.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report")
{
    return QuickReport.Run(args[1..]);
}

NodeTools.TryEnsureInstalled();
BenchmarkSwitcher.FromAssembly(typeof(QuickReport).Assembly).Run(args);

// EngineBenchmarks has only its reference side so far: print bpmn-engine's rate when the filter asks for it.
if (FilterSelects(args, typeof(EngineBenchmarks).FullName!))
{
    var bpmn = EngineBenchmarks.MeasureBpmnEngine(seconds: 5);
    Console.WriteLine();
    // (MeasureBpmnEngine throws with the reason when Node or the tools are missing.)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"bpmn-engine {bpmn["version"]} (same run, pinned to core 0): {bpmn["instancesPerSecond"]!.GetValue<double>():N1} instances/s, " +
        $"{bpmn["elementsPerSecond"]!.GetValue<double>():N0} elements/s ({bpmn["elementsPerInstance"]} elements per instance) on {EngineBenchmarks.FixturePath}"));
    Console.WriteLine("Our engine's figure: not yet (see EngineBenchmarks).");
}

return 0;

static bool FilterSelects(string[] args, string fullName)
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] is "--filter" or "-f")
        {
            for (var j = i + 1; j < args.Length && !args[j].StartsWith('-'); j++)
            {
                var pattern = "^" + Regex.Escape(args[j]).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal);
                if (Regex.IsMatch(fullName, pattern, RegexOptions.IgnoreCase) || Regex.IsMatch(fullName + ".x", pattern, RegexOptions.IgnoreCase))
                {
                    return true;
                }
            }
        }
    }

    return false;
}
