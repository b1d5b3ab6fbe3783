using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Simulation;

/// <summary>
/// A designer's test of a journey, in the scenario format of the <c>simulate</c> command (JSON: <c>process</c>,
/// <c>start</c>, <c>variables</c>, <c>mocks</c>, <c>steps</c>): where to start, with which variables, how service tasks
/// answer (<c>output</c>, <c>error</c>, <c>fail</c>), and a list of steps (<c>complete</c>, <c>advance</c>,
/// <c>message</c>, <c>expect</c>).
/// </summary>
public sealed record Scenario
{
    /// <summary>The process to start; <c>null</c> means the only executable process of the first file.</summary>
    public string? Process { get; init; }

    /// <summary>The virtual clock's starting instant.</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>Variables the instance starts with.</summary>
    public JsonObject Variables { get; init; } = [];

    /// <summary>How service tasks answer, by element id; an element without a mock completes with no output.</summary>
    public IReadOnlyDictionary<string, ServiceMock> Mocks { get; init; } = new Dictionary<string, ServiceMock>();

    /// <summary>What happens, in order.</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; init; } = [];

    /// <summary>
    /// Reads a scenario from JSON. Throws <see cref="ScenarioFormatException"/> naming the field that is wrong
    /// (for example <c>steps[3].advance: "P1X" is not an ISO 8601 duration</c>).
    /// </summary>
    /// <param name="json">The scenario text.</param>
    /// <param name="defaultStart">The start used when the scenario gives none.</param>
    public static Scenario Parse(string json, DateTimeOffset defaultStart)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException($"not valid JSON: {e.Message}");
        }

        if (root is not JsonObject obj)
        {
            throw new ScenarioFormatException("the scenario must be a JSON object");
        }

        foreach (var (key, _) in obj)
        {
            if (key is not ("process" or "start" or "variables" or "mocks" or "steps"))
            {
                throw new ScenarioFormatException($"{key}: unknown field (expected process, start, variables, mocks, steps)");
            }
        }

        return new Scenario
        {
            Process = OptionalString(obj, "process", "process"),
            Start = obj["start"] is null ? defaultStart : ReadInstant(obj["start"], "start"),
            Variables = OptionalObject(obj["variables"], "variables") ?? [],
            Mocks = ReadMocks(obj["mocks"]),
            Steps = ReadSteps(obj["steps"]),
        };
    }

    private static Dictionary<string, ServiceMock> ReadMocks(JsonNode? node)
    {
        var mocks = new Dictionary<string, ServiceMock>(StringComparer.Ordinal);
        if (node is null)
        {
            return mocks;
        }

        if (node is not JsonObject obj)
        {
            throw new ScenarioFormatException("mocks: must be an object keyed by element id");
        }

        foreach (var (elementId, value) in obj)
        {
            var path = $"mocks.{elementId}";
            if (value is not JsonObject mock || mock.Count != 1)
            {
                throw new ScenarioFormatException($"{path}: must be an object with exactly one of output, error, fail");
            }

            var (kind, body) = mock.First();
            mocks[elementId] = kind switch
            {
                "output" => new ServiceMock.Output(OptionalObject(body, path + ".output") ?? []),
                "error" => new ServiceMock.BpmnError(RequiredString(body, path + ".error")),
                "fail" => new ServiceMock.Failure(RequiredString(body, path + ".fail")),
                _ => throw new ScenarioFormatException($"{path}.{kind}: unknown mock (expected output, error or fail)"),
            };
        }

        return mocks;
    }

    private static List<ScenarioStep> ReadSteps(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException("steps: must be an array");
        }

        var steps = new List<ScenarioStep>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            // Steps are numbered from 1 in messages, as a designer counts them.
            var number = i + 1;
            var path = $"steps[{number}]";
            if (array[i] is not JsonObject step)
            {
                throw new ScenarioFormatException($"{path}: must be an object");
            }

            steps.Add(ReadStep(step, number, path));
        }

        return steps;
    }

    private static ScenarioStep ReadStep(JsonObject step, int number, string path)
    {
        if (step.ContainsKey("complete"))
        {
            RejectUnknown(step, path, "complete", "variables");
            return new ScenarioStep.Complete(number, RequiredString(step["complete"], path + ".complete"), OptionalObject(step["variables"], path + ".variables") ?? []);
        }

        if (step.ContainsKey("advance"))
        {
            RejectUnknown(step, path, "advance");
            var text = RequiredString(step["advance"], path + ".advance");
            if (!IsoTimer.TryParseDuration(text, out var duration))
            {
                throw new ScenarioFormatException($"{path}.advance: \"{text}\" is not an ISO 8601 duration such as P1D or PT12H");
            }

            return new ScenarioStep.Advance(number, text, duration);
        }

        if (step.ContainsKey("message"))
        {
            RejectUnknown(step, path, "message", "correlationKey", "variables");
            return new ScenarioStep.Message(
                number,
                RequiredString(step["message"], path + ".message"),
                step["correlationKey"] is null ? null : ScalarText(step["correlationKey"]!, path + ".correlationKey"),
                OptionalObject(step["variables"], path + ".variables") ?? []);
        }

        if (step.ContainsKey("expect"))
        {
            RejectUnknown(step, path, "expect");
            return new ScenarioStep.Expect(number, ReadExpectation(step["expect"], path + ".expect"));
        }

        throw new ScenarioFormatException($"{path}: a step must have one of complete, advance, message, expect");
    }

    private static Expectation ReadExpectation(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            throw new ScenarioFormatException($"{path}: must be an object");
        }

        RejectUnknown(obj, path, "active", "completed", "notCompleted", "ended", "variables", "tasks", "incidents", "reminders", "escalated");
        return new Expectation
        {
            Active = OptionalStringList(obj["active"], path + ".active"),
            Completed = OptionalStringList(obj["completed"], path + ".completed"),
            NotCompleted = OptionalStringList(obj["notCompleted"], path + ".notCompleted"),
            Ended = obj["ended"] is null ? null : RequiredBool(obj["ended"], path + ".ended"),
            Variables = OptionalObject(obj["variables"], path + ".variables"),
            Tasks = ReadTaskExpectations(obj["tasks"], path + ".tasks"),
            Incidents = OptionalStringList(obj["incidents"], path + ".incidents"),
            Reminders = ReadCounts(obj["reminders"], path + ".reminders"),
            Escalated = OptionalStringList(obj["escalated"], path + ".escalated"),
        };
    }

    private static Dictionary<string, int>? ReadCounts(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            throw new ScenarioFormatException($"{path}: must be an object of element id to count, such as {{\"Task_Review\": 2}}");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (elementId, value) in obj)
        {
            var count = RequiredInt(value, $"{path}.{elementId}");
            counts[elementId] = count >= 0 ? count : throw new ScenarioFormatException($"{path}.{elementId}: must be 0 or more");
        }

        return counts;
    }

    private static List<TaskExpectation>? ReadTaskExpectations(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException($"{path}: must be an array");
        }

        var tasks = new List<TaskExpectation>();
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i + 1}]";
            if (array[i] is not JsonObject task)
            {
                throw new ScenarioFormatException($"{itemPath}: must be an object");
            }

            RejectUnknown(task, itemPath, "id", "candidateGroups", "candidateUsers", "assignee", "due", "followUp", "priority", "formKey");
            tasks.Add(new TaskExpectation
            {
                Id = RequiredString(task["id"], itemPath + ".id"),
                CandidateGroups = OptionalStringList(task["candidateGroups"], itemPath + ".candidateGroups"),
                CandidateUsers = OptionalStringList(task["candidateUsers"], itemPath + ".candidateUsers"),
                Assignee = OptionalString(task, "assignee", itemPath + ".assignee"),
                Due = task["due"] is null ? null : ReadInstant(task["due"], itemPath + ".due"),
                FollowUp = task["followUp"] is null ? null : ReadInstant(task["followUp"], itemPath + ".followUp"),
                Priority = task["priority"] is null ? null : RequiredInt(task["priority"], itemPath + ".priority"),
                FormKey = OptionalString(task, "formKey", itemPath + ".formKey"),
            });
        }

        return tasks;
    }

    private static void RejectUnknown(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var (key, _) in obj)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw new ScenarioFormatException($"{path}.{key}: unknown field (expected {string.Join(", ", allowed)})");
            }
        }
    }

    private static DateTimeOffset ReadInstant(JsonNode? node, string path)
    {
        var text = RequiredString(node, path);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) || !text.Contains('T', StringComparison.Ordinal))
        {
            throw new ScenarioFormatException($"{path}: \"{text}\" is not an ISO 8601 date-time such as 2026-01-01T09:00:00Z");
        }

        return instant.ToUniversalTime();
    }

    private static string? OptionalString(JsonObject obj, string key, string path) =>
        obj[key] is null ? null : RequiredString(obj[key], path);

    private static string RequiredString(JsonNode? node, string path) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new ScenarioFormatException($"{path}: must be a string");

    private static bool RequiredBool(JsonNode? node, string path) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new ScenarioFormatException($"{path}: must be true or false");

    private static int RequiredInt(JsonNode? node, string path) =>
        node is JsonValue v && v.TryGetValue<int>(out var i) ? i : throw new ScenarioFormatException($"{path}: must be a whole number");

    private static string ScalarText(JsonNode node, string path) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => throw new ScenarioFormatException($"{path}: must be a string or a number"),
    };

    private static JsonObject? OptionalObject(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => throw new ScenarioFormatException($"{path}: must be an object"),
    };

    private static List<string>? OptionalStringList(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException($"{path}: must be an array of strings");
        }

        var list = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            list.Add(RequiredString(array[i], $"{path}[{i + 1}]"));
        }

        return list;
    }
}
