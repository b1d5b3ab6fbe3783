using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Benchmarks;

/// <summary>
/// BPMN engine speed (issue 3): the ten-element process of Fixtures/ten-elements.bpmn (start, script,
/// exclusive gateway, service task, parallel fork/join of two branches, user task, end) run to
/// completion in memory, single thread and all cores, in instances/s and elements/s, against
/// bpmn-engine (npm) running the same BPMN in the same run.
/// Goals: at least 10,000 instances/s (100,000 elements/s) on one core, at least 50x bpmn-engine,
/// and a serialised waiting instance of that process under 2 KB.
///
/// ENGINE ENGINEERS, TO COMPLETE (issue 3): only the bpmn-engine side exists so far.
/// - Add [Config]/[GlobalSetup]/[Benchmark] members here for our engine: deploy
///   <see cref="FixturePath"/> once, then per operation start an instance with <see cref="Variables"/>,
///   let service tasks (orc:type "recordCase" and "notify") complete immediately, complete the user
///   task at once, and run to the end (single thread; a second benchmark for all cores).
/// - Report instances/s and elements/s (<see cref="ElementsPerInstance"/> elements per instance)
///   and the size of the serialised instance state while it waits at UserTask_Review.
/// - Fill <see cref="OursInstancesPerSecond"/> so `report` prints our figure and the ratio.
/// Until then no figure of ours is printed (no placeholder numbers).
/// </summary>
public class EngineBenchmarks
{
    /// <summary>Flow elements every instance runs with <see cref="Variables"/> (bpmn-engine-bench.mjs checks it).</summary>
    public const int ElementsPerInstance = 10;

    /// <summary>The fixture, beside the binaries (copied at build) or in the repository.</summary>
    public static string FixturePath => NodeTools.Fixture("ten-elements.bpmn");

    /// <summary>Process variables of each instance: age 17 gives score 2, so the gateway takes "score &gt; 1".</summary>
    public static JsonObject Variables() => new() { ["age"] = 17 };

    /// <summary>
    /// Our engine's single-thread rate over about <paramref name="seconds"/> seconds (plain
    /// Stopwatch after warm-up), or null while the engine cannot run the fixture yet (issue 3).
    /// </summary>
    public static double? OursInstancesPerSecond(double seconds)
    {
        _ = seconds;
        return null;
    }

    /// <summary>Runs tests/node/bpmn-engine-bench.mjs on the fixture (pinned to core 0) and returns its JSON.</summary>
    public static JsonObject MeasureBpmnEngine(double seconds) =>
        NodeTools.RunScript("bpmn-engine-bench.mjs",
            [FixturePath, seconds.ToString(CultureInfo.InvariantCulture), "--variables", Variables().ToJsonString()],
            TimeSpan.FromSeconds(seconds + 180));
}
