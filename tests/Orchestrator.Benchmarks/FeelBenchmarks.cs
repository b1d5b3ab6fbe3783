using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Orchestrator.Feel;

namespace Orchestrator.Benchmarks;

/// <summary>
/// FEEL speed: the typical gateway condition evaluated from the cached tree, and parsed
/// plus evaluated from scratch; both on one thread pinned to core 0. The extra columns compare each
/// with feelin's <c>evaluate</c> (which parses every time) on the same expression, measured in the
/// same run by tests/node/feelin-bench.mjs, also pinned to core 0.
/// Goals: at least 1,000,000 evaluations/s from the cached tree; parse+evaluate at least 20x feelin.
/// </summary>
[Config(typeof(Config))]
public class FeelBenchmarks
{
    /// <summary>The typical gateway condition the FEEL speed goal is stated for.</summary>
    public const string Condition = "age >= 16 and status = \"active\" and date(admitted) + duration(\"P45D\") > today()";

    /// <summary>Its variables: age 17, status "active", admitted "2026-11-01".</summary>
    public static JsonObject Variables() => new() { ["age"] = 17, ["status"] = "active", ["admitted"] = "2026-11-01" };

    private FeelExpression _expression = null!;
    private FeelContext _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        _variables = FeelContext.FromJson(Variables());
        var parsed = new FeelEngine().Parse(Condition);
        _expression = parsed.Expression ?? throw new InvalidOperationException("the benchmark condition does not parse: " + string.Join("; ", parsed.Errors));
        var check = _expression.Evaluate(_variables);
        if (!check.Succeeded || check.Value is not FeelBoolean)
        {
            throw new InvalidOperationException($"the benchmark condition did not give a boolean: {check.Value} {check.Failure}");
        }
    }

    /// <summary>Evaluate the tree parsed once (what a gateway does on every token).</summary>
    [Benchmark(Baseline = true, Description = "FEEL condition, cached tree")]
    public FeelValue CachedTree() => _expression.Evaluate(_variables).Value;

    /// <summary>
    /// Parse and evaluate the text with a FRESH engine each time: FeelEngine caches parsed trees by
    /// text, so reusing one engine would measure a dictionary lookup, not parsing. The engine's
    /// construction (two empty dictionaries) is included, which only makes this figure conservative.
    /// </summary>
    [Benchmark(Description = "FEEL condition, parse + evaluate (no cache)")]
    public FeelValue ParseAndEvaluate() => new FeelEngine().Evaluate(Condition, _variables).Value;

    /// <summary>feelin's rate for the same expression and variables, measured once per process (lazily, when the columns are drawn).</summary>
    internal static readonly Lazy<JsonObject> FeelinRate = new(() => MeasureFeelin(seconds: 5));

    /// <summary>Runs feelin-bench.mjs (pinned to core 0) and returns its JSON.</summary>
    internal static JsonObject MeasureFeelin(double seconds) =>
        NodeTools.RunScript("feelin-bench.mjs",
            ["--expression", Condition, "--context", Variables().ToJsonString(), "--seconds", seconds.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(seconds + 120));

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One core, like the Node side (taskset -c 0).
            AddJob(Job.Default.WithAffinity(1));
            AddColumn(new FeelinColumn(ratio: false), new FeelinColumn(ratio: true));
        }
    }

    /// <summary>"evaluations/s" and "x feelin" columns, computed from the measured mean and feelin's rate.</summary>
    private sealed class FeelinColumn(bool ratio) : IColumn
    {
        public string Id => ratio ? "FeelinRatio" : "OpsPerSecond";

        public string ColumnName => ratio ? "x feelin" : "evaluations/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => ratio ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => ratio
            ? "our evaluations/s divided by feelin's evaluate() rate on the same expression (tests/node/feelin-bench.mjs, pinned to core 0, same run)"
            : "evaluations per second on one core (1e9 / mean ns)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (mean is not > 0)
            {
                return "-";
            }

            var perSecond = 1e9 / mean.Value;
            if (!ratio)
            {
                return perSecond.ToString("N0", CultureInfo.InvariantCulture);
            }

            try
            {
                var feelin = FeelinRate.Value["evaluationsPerSecond"]!.GetValue<double>();
                return (perSecond / feelin).ToString("N0", CultureInfo.InvariantCulture) + "x (feelin " + feelin.ToString("N0", CultureInfo.InvariantCulture) + "/s)";
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                return "feelin unavailable: " + e.Message.Split('\n')[0];
            }
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
