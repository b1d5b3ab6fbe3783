using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Simulation;

/// <summary>
/// Compares an <see cref="Expectation"/> with an <see cref="InstanceSnapshot"/> and says precisely what differs,
/// in the words a designer reads: <c>step 4: expected active [Task_B], was [Task_A]</c>.
/// </summary>
public static class ExpectationCheck
{
    /// <summary>Every way the snapshot differs from the expectation; empty when it holds.</summary>
    /// <param name="step">The step number, for the messages.</param>
    /// <param name="expected">What the step expects.</param>
    /// <param name="actual">The instance now.</param>
    public static IReadOnlyList<string> Failures(int step, Expectation expected, InstanceSnapshot actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var failures = new List<string>();
        var prefix = $"step {step}: ";

        if (expected.Active is { } active && !SameSet(active, actual.Active))
        {
            failures.Add($"{prefix}expected active {List(active)}, was {List(actual.Active)}");
        }

        if (expected.Incidents is { } incidents && !SameSet(incidents, actual.Incidents))
        {
            failures.Add($"{prefix}expected incidents on {List(incidents)}, were on {List(actual.Incidents)}");
        }

        if (expected.Completed is { } completed)
        {
            var missing = completed.Where(id => !actual.Completed.Contains(id)).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"{prefix}expected completed {List(missing)}, but they have not completed (completed: {List(actual.Completed)})");
            }
        }

        if (expected.NotCompleted is { } notCompleted)
        {
            var present = notCompleted.Where(actual.Completed.Contains).ToList();
            if (present.Count > 0)
            {
                failures.Add($"{prefix}expected not completed {List(present)}, but they have completed");
            }
        }

        if (expected.Ended is { } ended && ended != actual.Ended)
        {
            failures.Add(ended
                ? $"{prefix}expected the instance to have ended, but it is still waiting at {List(actual.Active)}"
                : $"{prefix}expected the instance to be running, but it has ended");
        }

        if (expected.Variables is { } variables)
        {
            foreach (var (name, value) in variables)
            {
                if (!actual.Variables.TryGetPropertyValue(name, out var actualValue))
                {
                    failures.Add($"{prefix}expected variable {name} = {Json(value)}, but it is not set");
                }
                else if (!JsonMatches(value, actualValue))
                {
                    failures.Add($"{prefix}expected variable {name} = {Json(value)}, was {Json(actualValue)}");
                }
            }
        }

        if (expected.Reminders is { } reminders)
        {
            foreach (var (elementId, count) in reminders.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var sent = actual.Reminders.TryGetValue(elementId, out var n) ? n : 0;
                if (sent != count)
                {
                    failures.Add($"{prefix}expected {count} reminder(s) of {elementId}, {(sent == 1 ? "1 was" : $"{sent} were")} sent");
                }
            }
        }

        if (expected.Escalated is { } escalated && !SameSet(escalated, actual.Escalated))
        {
            failures.Add($"{prefix}expected escalated {List(escalated)}, were {List(actual.Escalated)}");
        }

        if (expected.Tasks is { } tasks)
        {
            foreach (var task in tasks)
            {
                failures.AddRange(TaskFailures(prefix, task, actual.Tasks));
            }
        }

        return failures;
    }

    private static IEnumerable<string> TaskFailures(string prefix, TaskExpectation expected, IReadOnlyList<TaskSnapshot> open)
    {
        var candidates = open.Where(t => t.ElementId == expected.Id).ToList();
        if (candidates.Count == 0)
        {
            yield return $"{prefix}expected an open task {expected.Id}, open tasks are {List(open.Select(t => t.ElementId))}";
            yield break;
        }

        // With several open tasks of one element (multi-instance), any one matching is enough.
        var best = candidates.Select(t => (task: t, differences: TaskDifferences(expected, t))).MinBy(x => x.differences.Count);
        foreach (var difference in best.differences)
        {
            yield return $"{prefix}task {expected.Id}: {difference}";
        }
    }

    private static List<string> TaskDifferences(TaskExpectation expected, TaskSnapshot actual)
    {
        var differences = new List<string>();
        if (expected.CandidateGroups is { } groups && !SameSet(groups, actual.CandidateGroups))
        {
            differences.Add($"expected candidateGroups {List(groups)}, was {List(actual.CandidateGroups)}");
        }

        if (expected.CandidateUsers is { } users && !SameSet(users, actual.CandidateUsers))
        {
            differences.Add($"expected candidateUsers {List(users)}, was {List(actual.CandidateUsers)}");
        }

        if (expected.Assignee is { } assignee && assignee != actual.Assignee)
        {
            differences.Add($"expected assignee {assignee}, was {actual.Assignee ?? "nobody"}");
        }

        if (expected.Due is { } due && due != actual.Due)
        {
            differences.Add($"expected due {Instant(due)}, was {Instant(actual.Due)}");
        }

        if (expected.FollowUp is { } followUp && followUp != actual.FollowUp)
        {
            differences.Add($"expected followUp {Instant(followUp)}, was {Instant(actual.FollowUp)}");
        }

        if (expected.Priority is { } priority && priority != actual.Priority)
        {
            differences.Add($"expected priority {priority}, was {actual.Priority?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        if (expected.FormKey is { } formKey && formKey != actual.FormKey)
        {
            differences.Add($"expected formKey {formKey}, was {actual.FormKey ?? "none"}");
        }

        return differences;
    }

    /// <summary>
    /// Partial match: every property the expectation names must match; arrays match element by element;
    /// numbers compare by value, so <c>1</c> matches <c>1.0</c>.
    /// </summary>
    /// <param name="expected">The expected JSON.</param>
    /// <param name="actual">The actual JSON.</param>
    public static bool JsonMatches(JsonNode? expected, JsonNode? actual)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject eo:
                return actual is JsonObject ao && eo.All(p => ao.TryGetPropertyValue(p.Key, out var av) && JsonMatches(p.Value, av));
            case JsonArray ea:
                return actual is JsonArray aa && ea.Count == aa.Count && ea.Select((e, i) => JsonMatches(e, aa[i])).All(x => x);
            case JsonValue ev when ev.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return actual is JsonValue av2 && av2.GetValueKind() == System.Text.Json.JsonValueKind.Number
                    && decimal.Parse(ev.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(av2.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return JsonNode.DeepEquals(expected, actual);
        }
    }

    private static bool SameSet(IEnumerable<string> expected, IEnumerable<string> actual) =>
        new HashSet<string>(expected, StringComparer.Ordinal).SetEquals(actual);

    private static string List(IEnumerable<string> ids) => "[" + string.Join(", ", ids.Order(StringComparer.Ordinal)) + "]";

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "none";
}
