using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Engine.Simulation;

namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>
/// Runs the semantics fixtures: as <c>simulate</c> scenarios (the contract's JSON through <see cref="ScenarioRunner"/>),
/// or directly on the in-memory runtime, twice (states kept as objects, then round-tripped through JSON at every command).
/// </summary>
internal static class Sim
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public static string FixturePath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", "Semantics", name);

    /// <summary>Runs a scenario (JSON in the contract's format) on the fixtures.</summary>
    public static SimulationReport Simulate(string scenarioJson, params string[] fixtures) =>
        ScenarioRunner.Run(
            [.. fixtures.Select(f => new BpmnSource(f, File.ReadAllText(FixturePath(f))))],
            Scenario.Parse(scenarioJson, Start));

    /// <summary>Asserts that every expectation held, printing the failures and incidents otherwise.</summary>
    public static SimulationReport Passes(this SimulationReport report)
    {
        Assert.True(report.Failures.Count == 0,
            string.Join(Environment.NewLine, report.Failures)
            + Environment.NewLine + "incidents: " + string.Join("; ", report.Incidents.Select(i => i.Element + ": " + i.Message)));
        return report;
    }

    /// <summary>How many times an event (<c>timer-fired</c>, <c>element-completed</c>, …) happened at an element.</summary>
    public static int Count(this SimulationReport report, string element, string @event) =>
        report.Trace.Count(t => t.Element == element && t.Event == @event);

    /// <summary>Runs <paramref name="body"/> with states in memory and then round-tripped at every command; both must agree.</summary>
    public static void Run(string[] fixtures, Action<InMemoryWorkflowRuntime> body)
    {
        var outcomes = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var rt = new InMemoryWorkflowRuntime(new InMemoryRuntimeOptions { RoundTripState = i == 1, Start = Start });
            foreach (var f in fixtures)
            {
                rt.Deploy(File.ReadAllText(FixturePath(f)), f);
            }

            body(rt);
            var sb = new StringBuilder();
            foreach (var h in rt.History)
            {
                sb.Append(h).Append(' ').Append(h.Value?.ToJsonString()).AppendLine();
            }

            foreach (var id in rt.InstanceIds)
            {
                sb.AppendLine(rt.GetInstance(id).ToJson());
            }

            outcomes[i] = sb.ToString();
        }

        Assert.Equal(outcomes[0], outcomes[1]);
    }

    public static JsonObject Vars(string json) => JsonNode.Parse(json)!.AsObject();

    public static void AssertActive(this InMemoryWorkflowRuntime rt, string instanceId, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), rt.ActiveElements(instanceId).ToArray());

    public static int Count(this InMemoryWorkflowRuntime rt, HistoryEventType type, string elementId, string? instanceId = null) =>
        rt.History.Count(h => h.Type == type && h.ElementId == elementId && (instanceId is null || h.InstanceId == instanceId));
}
