using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

// The memory figure: working set and allocations over many engine steps.
internal static partial class ServiceReport
{
    /// <summary>
    /// The memory run's process: a FEEL script and a gateway that loop <c>rounds</c> times inside the start command,
    /// then a user task. Many engine steps per command is what makes 1,000,000 steps a run of minutes on this machine.
    /// </summary>
    private static string LoopBpmn(int rounds) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:benchmarks" id="Defs_Loop">
          <bpmn:process id="Loop" name="A script loop, then one user task" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Script_Count" name="Count" scriptFormat="feel" orc:resultVariable="n"><bpmn:script>= n + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="Gateway_Again" default="F_Done" />
            <bpmn:userTask id="Task_Review" name="Review the count" orc:candidateGroups="lawyer" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F_Start" sourceRef="Start" targetRef="Script_Count" />
            <bpmn:sequenceFlow id="F_Check" sourceRef="Script_Count" targetRef="Gateway_Again" />
            <bpmn:sequenceFlow id="F_Again" sourceRef="Gateway_Again" targetRef="Script_Count">
              <bpmn:conditionExpression xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression">= n &lt; {{rounds}}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F_Done" sourceRef="Gateway_Again" targetRef="Task_Review" />
            <bpmn:sequenceFlow id="F_End" sourceRef="Task_Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// RSS over many engine steps. A step is one element the engine executed to completion, i.e. one
    /// <c>ElementCompleted</c> history row (counted in the database, not assumed). Each instance: a start command that
    /// loops (2 × rounds + 2 steps), a task query, a completion (2 steps); 4 workers. RSS and GC heap are sampled about
    /// 40 times; the slope is the least-squares fit over the samples after the first 10 % (warm-up: JIT, pools, caches).
    /// </summary>
    private static async Task MemoryRowsAsync(List<string[]> rows, DatabaseProvider provider, string connectionString, int steps, int rounds)
    {
        await using var sp = BuildServices(provider, connectionString);
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<WorkflowService>().DeployAsync(LoopBpmn(rounds), "loop.bpmn", Actor.System, CancellationToken.None);
        }

        async Task<string> RunOneAsync()
        {
            string id;
            await using (var scope = sp.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("Loop", new JsonObject { ["n"] = 0 }, null, Lawyer, CancellationToken.None);
            }

            await using (var scope = sp.CreateAsyncScope())
            {
                var service = scope.ServiceProvider.GetRequiredService<WorkflowService>();
                var task = (await service.ListTasksAsync(new TaskQuery(id), Lawyer, CancellationToken.None)).Single();
                await service.CompleteAsync(task.Id, null, Lawyer, CancellationToken.None);
            }

            return id;
        }

        async Task<long> CompletedElementsAsync(string? instanceId)
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var q = db.History.AsNoTracking().Where(h => h.Type == nameof(HistoryEventType.ElementCompleted));
            return await (instanceId is null ? q : q.Where(h => h.InstanceId == instanceId)).LongCountAsync();
        }

        var perInstance = await CompletedElementsAsync(await RunOneAsync());
        var instances = (int)Math.Max(1, (steps + perInstance - 1) / perInstance);
        Console.Error.WriteLine($"memory: {perInstance} steps (completed elements) per instance, {instances:N0} instances for {steps:N0} steps");
        var sampleEvery = Math.Max(1, instances / 40);
        var samples = new List<(long Steps, double RssMb, double HeapMb, double Seconds)>();
        var sw = Stopwatch.StartNew();
        const int Workers = 4;
        var next = 1;
        var done = 1;
        var sampleLock = new Lock();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            await Task.Yield();
            while (Interlocked.Increment(ref next) <= instances)
            {
                await RunOneAsync();
                var d = Interlocked.Increment(ref done);
                if (d % sampleEvery == 0)
                {
                    var sample = (d * perInstance, Environment.WorkingSet / 1048576.0, GC.GetTotalMemory(false) / 1048576.0, sw.Elapsed.TotalSeconds);
                    lock (sampleLock)
                    {
                        samples.Add(sample);
                    }

                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"memory: {sample.Item1,11:N0} steps  RSS {sample.Item2,7:N1} MB  GC heap {sample.Item3,7:N1} MB  {sample.Item4,6:N0} s"));
                }
            }
        }));
        var elapsed = sw.Elapsed.TotalSeconds;
        var counted = await CompletedElementsAsync(null);
        samples.Sort((a, b) => a.Steps.CompareTo(b.Steps));
        var measured = samples.Where(x => x.Steps > counted / 10).ToList();
        var rssSlope = Slope(measured.Select(x => ((double)x.Steps, x.RssMb)).ToList()) * 100_000;
        var heapSlope = Slope(measured.Select(x => ((double)x.Steps, x.HeapMb)).ToList()) * 100_000;
        var first = measured[0];
        var last = measured[^1];
        rows.Add([string.Create(CultureInfo.InvariantCulture,
                $"Memory over {counted:N0} engine steps (completed elements, counted in history; {instances:N0} instances of a {rounds}-round loop, {perInstance} steps each, through the service on PostgreSQL, 4 workers, {elapsed:N0} s)"),
            string.Create(CultureInfo.InvariantCulture,
                $"RSS {first.RssMb:N0} MB at {first.Steps:N0} steps → {last.RssMb:N0} MB at {last.Steps:N0} (max {measured.Max(x => x.RssMb):N0}), slope {rssSlope:+0.0;-0.0} MB/100k steps; GC heap slope {heapSlope:+0.0;-0.0} MB/100k steps"),
            "-", "-", "flat RSS over 1,000,000 steps"]);
    }
}
