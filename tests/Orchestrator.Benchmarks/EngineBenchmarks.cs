using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Benchmarks;

/// <summary>
/// BPMN engine speed: the ten-element process of Fixtures/ten-elements.bpmn (start, script,
/// exclusive gateway, service task, parallel fork/join of two branches, user task, end) run to
/// completion in memory, single thread and all cores, in instances/s and elements/s, against
/// bpmn-engine (npm) running the same BPMN in the same run.
/// Goals: at least 10,000 instances/s (100,000 elements/s) on one core, at least 50x bpmn-engine,
/// and a serialised waiting instance of that process under 2 KB.
/// </summary>
[Config(typeof(Config))]
public class EngineBenchmarks
{
    /// <summary>Flow elements every instance runs with <see cref="Variables"/> (bpmn-engine-bench.mjs checks it).</summary>
    public const int ElementsPerInstance = 10;

    /// <summary>The fixture, beside the binaries (copied at build) or in the repository.</summary>
    public static string FixturePath => NodeTools.Fixture("ten-elements.bpmn");

    /// <summary>Process variables of each instance: age 17 gives score 2, so the gateway takes "score &gt; 1".</summary>
    public static JsonObject Variables() => new() { ["age"] = 17 };

    private TenElementRunner _runner = null!;

    [GlobalSetup]
    public void Setup() => _runner = new TenElementRunner();

    /// <summary>One instance from start to end: every command the durable host would run, without the database.</summary>
    [Benchmark(Description = "ten-element process to completion")]
    public bool OneInstance() => _runner.RunOne();

    /// <summary>Our single-thread rate over about <paramref name="seconds"/> seconds (plain Stopwatch after warm-up).</summary>
    public static double OursInstancesPerSecond(double seconds)
    {
        var runner = new TenElementRunner();
        return QuickReport.Measure(() => runner.RunOne(), seconds);
    }

    /// <summary>The rate with one runner per core, all running at once for about <paramref name="seconds"/> seconds.</summary>
    public static double OursInstancesPerSecondAllCores(double seconds)
    {
        var rates = new double[Environment.ProcessorCount];
        Parallel.For(0, rates.Length, new ParallelOptions { MaxDegreeOfParallelism = rates.Length }, i =>
        {
            var runner = new TenElementRunner();
            rates[i] = QuickReport.Measure(() => runner.RunOne(), seconds);
        });
        return rates.Sum();
    }

    /// <summary>The size in bytes of the serialised state of an instance waiting at its user task.</summary>
    public static int WaitingStateBytes() => Encoding.UTF8.GetByteCount(new TenElementRunner().RunToUserTask().ToJson());

    /// <summary>Runs bpmn-engine-bench.mjs on the fixture (pinned to core 0) and returns its JSON.</summary>
    public static JsonObject MeasureBpmnEngine(double seconds) =>
        NodeTools.RunScript("bpmn-engine-bench.mjs",
            [FixturePath, seconds.ToString(CultureInfo.InvariantCulture), "--variables", Variables().ToJsonString()],
            TimeSpan.FromSeconds(seconds + 180));

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithAffinity(1));
    }
}

/// <summary>
/// Drives <see cref="WorkflowEngine"/> exactly as a host does (start, then each job completed by its handler,
/// then the user task completed), holding the state object between commands. Definitions are parsed once.
/// </summary>
internal sealed class TenElementRunner
{
    private readonly WorkflowEngine _engine;
    private readonly Queue<string> _jobs = new();

    public TenElementRunner()
    {
        var xml = File.ReadAllText(EngineBenchmarks.FixturePath);
        var parsed = BpmnParser.Parse(xml, "ten-elements.bpmn");
        var repository = new DefinitionRepository();
        repository.Deploy(parsed.Definitions ?? throw new InvalidOperationException(string.Join("; ", parsed.Problems)), xml);
        _engine = new WorkflowEngine(repository);
    }

    public ProcessInstanceState RunToUserTask()
    {
        var started = _engine.Execute(null, new StartInstance("TenElements") { Variables = EngineBenchmarks.Variables() });
        var state = started.State;
        Enqueue(started);
        while (_jobs.TryDequeue(out var job))
        {
            Enqueue(_engine.Execute(state, new CompleteJob(job)));
        }

        return state;
    }

    public bool RunOne()
    {
        var state = RunToUserTask();
        var task = _engine.GetTasks(state)[0];
        var completed = _engine.Execute(state, new CompleteUserTask(task.Id));
        return completed.State.Status == InstanceStatus.Completed
            ? true
            : throw new InvalidOperationException("the ten-element instance did not complete: " + completed.State.ToJson());
    }

    private void Enqueue(EngineResult result)
    {
        foreach (var job in result.JobsCreated)
        {
            _jobs.Enqueue(job.Id);
        }
    }
}
