using System.Runtime.CompilerServices;
using Orchestrator.Engine.Simulation;

namespace Orchestrator.Engine.Tests.Simulation;

/// <summary><c>simulate</c> with task reminders and escalations: the trace shows them, <c>reminders</c> and <c>escalated</c> expect them.</summary>
public sealed class ReminderScenarioTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static string FixturePath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", "Execution", name);

    private static SimulationReport Simulate(string scenarioJson) =>
        ScenarioRunner.Run([new BpmnSource("task-reminders.bpmn", File.ReadAllText(FixturePath("task-reminders.bpmn")))], Scenario.Parse(scenarioJson, Start));

    [Fact]
    public void The_45_day_escalation_fires_at_day_45_and_not_a_minute_before()
    {
        var report = Simulate("""
            { "process": "ReminderJourney", "variables": { "caseWorker": "ana" },
              "steps": [
                { "expect": { "reminders": { "Task_Review": 0 }, "escalated": [] } },
                { "advance": "P44DT23H59M" },
                { "expect": { "active": ["Task_Review", "Task_Nudge"], "reminders": { "Task_Review": 6 }, "escalated": [],
                              "tasks": [{ "id": "Task_Review", "candidateGroups": ["lawyer"] }] } },
                { "advance": "PT1M" },
                { "expect": { "active": ["Task_Review", "Task_Nudge"], "escalated": ["Task_Review"], "notCompleted": ["Task_Review"],
                              "tasks": [{ "id": "Task_Review", "candidateGroups": ["lawyer", "coordinator"] }] } },
                { "complete": "Task_Review" },
                { "advance": "P30D" },
                { "expect": { "reminders": { "Task_Review": 6 } } }
              ] }
            """);
        Assert.True(report.Passed, string.Join("\n", report.Failures));
        Assert.Equal(Enumerable.Range(1, 6).Select(k => Start.AddDays(7 * k)),
            report.Trace.Where(t => t.Element == "Task_Review" && t.Event == "task-reminder-sent").Select(t => t.At));
        var escalated = Assert.Single(report.Trace, t => t.Event == "task-escalated");
        Assert.Equal(("Task_Review", Start.AddDays(45)), (escalated.Element, escalated.At));
    }

    [Fact]
    public void Unmet_reminder_expectations_say_what_was_sent()
    {
        var report = Simulate("""
            { "process": "ReminderJourney", "variables": { "caseWorker": "ana" },
              "steps": [
                { "advance": "P44D" },
                { "expect": { "reminders": { "Task_Review": 7 }, "escalated": ["Task_Review"] } }
              ] }
            """);
        Assert.Equal(
            ["step 2: expected 7 reminder(s) of Task_Review, 6 were sent", "step 2: expected escalated [Task_Review], were []"],
            report.Failures);
    }

    [Theory]
    [InlineData("""{ "reminders": ["Task_Review"] }""", "steps[1].expect.reminders: must be an object")]
    [InlineData("""{ "reminders": { "Task_Review": "two" } }""", "steps[1].expect.reminders.Task_Review: must be a whole number")]
    [InlineData("""{ "reminders": { "Task_Review": -1 } }""", "steps[1].expect.reminders.Task_Review: must be 0 or more")]
    [InlineData("""{ "escalated": "Task_Review" }""", "steps[1].expect.escalated: must be an array of strings")]
    public void Bad_expectations_name_the_field(string expect, string message)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => Scenario.Parse($$"""{ "steps": [ { "expect": {{expect}} } ] }""", Start));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
