using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>Runs execution scenarios on the in-memory runtime, twice: once keeping states in memory, once round-tripping them through JSON at every command.</summary>
internal static class Scenario
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public static string FixturePath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", "Execution", name);

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    /// <summary>
    /// Runs <paramref name="body"/> on a fresh runtime with <paramref name="fixtures"/> deployed, first with states kept as
    /// objects, then with every state serialised and deserialised between commands (so at every wait state), and
    /// asserts both runs produced the same history and the same final states.
    /// </summary>
    public static void Run(string[] fixtures, Action<InMemoryWorkflowRuntime> body, EngineOptions? engine = null)
    {
        var outcomes = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var rt = new InMemoryWorkflowRuntime(new InMemoryRuntimeOptions { RoundTripState = i == 1, Engine = engine, Start = Start });
            foreach (var f in fixtures)
            {
                rt.Deploy(Fixture(f), f);
            }

            body(rt);
            outcomes[i] = Describe(rt);
        }

        Assert.Equal(outcomes[0], outcomes[1]);
    }

    public static string Describe(InMemoryWorkflowRuntime rt)
    {
        var sb = new StringBuilder();
        foreach (var h in rt.History)
        {
            sb.Append(h).Append(' ').Append(h.ElementKind).Append(' ').Append(h.UserId).Append(' ').Append(h.Name).Append(' ')
                .Append(h.Value?.ToJsonString()).AppendLine();
        }

        foreach (var id in rt.InstanceIds)
        {
            sb.AppendLine(rt.GetInstance(id).ToJson());
        }

        return sb.ToString();
    }

    public static UserTaskInfo Task(this InMemoryWorkflowRuntime rt, string elementId, string? instanceId = null) =>
        Assert.Single(rt.OpenTasks(instanceId), t => t.ElementId == elementId);

    public static void Complete(this InMemoryWorkflowRuntime rt, string elementId, JsonObject? variables = null, string? instanceId = null, string? user = null) =>
        rt.CompleteTask(rt.Task(elementId, instanceId).Id, variables, user);

    public static void AssertActive(this InMemoryWorkflowRuntime rt, string instanceId, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), rt.ActiveElements(instanceId).ToArray());

    public static JsonNode? Var(this InMemoryWorkflowRuntime rt, string instanceId, string name) => rt.GetInstance(instanceId).Variables[name];

    public static int Count(this InMemoryWorkflowRuntime rt, HistoryEventType type, string elementId, string? instanceId = null) =>
        rt.History.Count(h => h.Type == type && h.ElementId == elementId && (instanceId is null || h.InstanceId == instanceId));

    public static JsonObject Vars(string json) => JsonNode.Parse(json)!.AsObject();
}
