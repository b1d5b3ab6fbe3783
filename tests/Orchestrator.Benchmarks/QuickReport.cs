using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>report</c>: a quick single-process run (a few seconds per figure, plain Stopwatch after a
/// warm-up, everything pinned to core 0) that prints one Markdown table of our figure, the
/// reference figure measured in the same run, and the ratio, for the README. BenchmarkDotNet
/// (<c>-- --filter *</c>) gives the careful numbers; this gives the same figures quickly.
/// </summary>
internal static class QuickReport
{
    public static int Run(string[] args)
    {
        var seconds = 3.0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length)
            {
                seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
            }
        }

        var pinned = PinToCoreZero();
        Console.Error.WriteLine($"report: {seconds} s per figure, {(pinned ? "pinned to core 0" : "NOT pinned (affinity not settable)")}; Node side {(NodeTools.Pinned ? "pinned with taskset -c 0" : "not pinned (no taskset)")}.");
        NodeTools.TryEnsureInstalled();

        var rows = new List<string[]>();

        // ---- FEEL
        var bench = new FeelBenchmarks();
        bench.Setup();
        var value = bench.CachedTree();
        Console.Error.WriteLine($"FEEL condition value: {value} (ours)");
        var cached = Measure(() => bench.CachedTree(), seconds);
        var fresh = Measure(() => bench.ParseAndEvaluate(), seconds);
        JsonObject? feelin = null;
        string? feelinError = null;
        try
        {
            feelin = FeelBenchmarks.MeasureFeelin(seconds);
            Console.Error.WriteLine($"FEEL condition value: {feelin["value"]?.ToJsonString()} (feelin {feelin["version"]})");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            feelinError = e.Message;
        }

        var feelinRate = feelin?["evaluationsPerSecond"]?.GetValue<double>();
        var feelinLabel = feelin is null ? $"feelin: unavailable ({feelinError})" : $"feelin {feelin["version"]} `evaluate`: {Rate(feelinRate)}";
        rows.Add(["FEEL condition, cached tree (evaluations/s)", Rate(cached), feelinLabel, Ratio(cached, feelinRate), ">= 1,000,000/s"]);
        rows.Add(["FEEL condition, parse + evaluate, no cache (evaluations/s)", Rate(fresh), feelinLabel, Ratio(fresh, feelinRate), ">= 20x feelin"]);

        // ---- Engine
        JsonObject? bpmn = null;
        string? bpmnError = null;
        try
        {
            bpmn = EngineBenchmarks.MeasureBpmnEngine(seconds);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            bpmnError = e.Message;
        }

        var bpmnRate = bpmn?["instancesPerSecond"]?.GetValue<double>();
        var ours = EngineBenchmarks.OursInstancesPerSecond(seconds);
        var oursAllCores = OnAllCores(() => EngineBenchmarks.OursInstancesPerSecondAllCores(seconds));
        var bpmnLabel = bpmn is null
            ? $"bpmn-engine: unavailable ({bpmnError})"
            : $"bpmn-engine {bpmn["version"]}: {Rate(bpmnRate, "0.0")} ({Rate(bpmn["elementsPerSecond"]?.GetValue<double>(), "0")} elements/s)";
        rows.Add(["ten-element process to completion, one core (instances/s)", Rate(ours), bpmnLabel, Ratio(ours, bpmnRate), ">= 10,000/s and >= 50x bpmn-engine"]);
        rows.Add(["  the same in elements/s", Rate(ours * EngineBenchmarks.ElementsPerInstance), "-", "-", ">= 100,000/s"]);
        rows.Add([$"  the same on all {Environment.ProcessorCount} cores (instances/s)", Rate(oursAllCores), "-", "-", "-"]);
        rows.Add(["serialised state waiting at the user task (bytes)", EngineBenchmarks.WaitingStateBytes().ToString(CultureInfo.InvariantCulture), "-", "-", "< 2,048"]);

        Console.WriteLine();
        Console.WriteLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}), " +
            $".NET {Environment.Version}, node {feelin?["node"] ?? bpmn?["node"]}; one core each side, {seconds} s per figure.");
        Console.WriteLine();
        PrintTable(["figure", "Orchestrator", "reference (same run)", "ratio", "goal"], rows);
        Console.WriteLine();
        Console.WriteLine("Expression: " + FeelBenchmarks.Condition + " with age 17, status \"active\", admitted \"2026-11-01\".");
        Console.WriteLine("Full BenchmarkDotNet run: dotnet run -c Release --project tests/Orchestrator.Benchmarks -- --filter *");
        return 0;
    }

    /// <summary>Operations per second of <paramref name="operation"/> after a warm-up, in batches timed with a Stopwatch.</summary>
    internal static double Measure(Func<object?> operation, double seconds)
    {
        object? sink = null;
        var warmup = Stopwatch.StartNew();
        var batch = 1;
        while (warmup.Elapsed.TotalSeconds < Math.Min(1.0, seconds / 2))
        {
            for (var i = 0; i < batch; i++)
            {
                sink = operation();
            }

            if (warmup.ElapsedMilliseconds < 20)
            {
                batch *= 2;
            }
        }

        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < batch; i++)
            {
                sink = operation();
            }

            count += batch;
        }

        GC.KeepAlive(sink);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Lifts the pin to core 0 while <paramref name="measure"/> runs, for the all-cores figure.</summary>
    private static double OnAllCores(Func<double> measure)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return measure();
        }

        var process = Process.GetCurrentProcess();
        var pinned = process.ProcessorAffinity;
        process.ProcessorAffinity = (nint)((1L << Environment.ProcessorCount) - 1);
        try
        {
            return measure();
        }
        finally
        {
            process.ProcessorAffinity = pinned;
        }
    }

    private static bool PinToCoreZero()
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                Process.GetCurrentProcess().ProcessorAffinity = 1;
                return true;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
        }

        return false;
    }

    private static string Rate(double? perSecond, string format = "N0") =>
        perSecond is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double ours, double? reference) =>
        reference is > 0 ? (ours / reference.Value).ToString("N0", CultureInfo.InvariantCulture) + "x" : "-";

    private static void PrintTable(string[] header, List<string[]> rows)
    {
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }
}
