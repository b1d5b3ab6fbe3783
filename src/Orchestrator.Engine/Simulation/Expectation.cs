using System.Text.Json.Nodes;

namespace Orchestrator.Engine.Simulation;

/// <summary>What an <c>expect</c> step checks; a <c>null</c> property is not checked.</summary>
public sealed record Expectation
{
    /// <summary>The exact set of elements waiting now.</summary>
    public IReadOnlyList<string>? Active { get; init; }

    /// <summary>Elements that must have completed at least once.</summary>
    public IReadOnlyList<string>? Completed { get; init; }

    /// <summary>Elements that must not have completed.</summary>
    public IReadOnlyList<string>? NotCompleted { get; init; }

    /// <summary>Whether the instance must have ended.</summary>
    public bool? Ended { get; init; }

    /// <summary>Variables that must have these values (partial match: other variables may exist).</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>Open tasks that must exist with these properties (partial match).</summary>
    public IReadOnlyList<TaskExpectation>? Tasks { get; init; }

    /// <summary>The exact set of elements with an open incident.</summary>
    public IReadOnlyList<string>? Incidents { get; init; }

    /// <summary>
    /// <c>"reminders": {"Task_Review": 2}</c>: how many <c>orc:reminder</c> notifications each named task element has sent
    /// so far (exactly; 0 checks that none was). Elements not named are not checked.
    /// </summary>
    public IReadOnlyDictionary<string, int>? Reminders { get; init; }

    /// <summary><c>"escalated": ["Task_Review"]</c>: the exact set of task elements escalated (<c>orc:escalateAfter</c>) so far; <c>[]</c> checks that none was.</summary>
    public IReadOnlyList<string>? Escalated { get; init; }
}
