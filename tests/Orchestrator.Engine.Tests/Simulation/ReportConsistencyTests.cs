using Orchestrator.Engine.Simulation;

namespace Orchestrator.Engine.Tests.Simulation;

/// <summary>
/// The <c>simulate</c> report tells one story: an element the trace says completed is not also <c>active</c>, and
/// <c>active</c> holds only what waits (tasks, catch events, event-based gateways, call activities, elements stopped by
/// an incident), not a joining gateway holding a token.
/// </summary>
public sealed class ReportConsistencyTests
{
    private static SimulationReport Simulate(string scenario) =>
        ScenarioRunner.Run(
            [new BpmnSource("simulate-report.bpmn", File.ReadAllText(Path.Combine(FixtureFolder(), "simulate-report.bpmn")))],
            Scenario.Parse(scenario, new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero)));

    private static string FixtureFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", "Execution");

    [Fact]
    public void An_uncaught_error_end_event_is_active_with_its_incident_and_not_completed()
    {
        var report = Simulate("""{ "process": "UncaughtErrorEnd", "steps": [ { "expect": { "active": ["End_NoPlace"], "ended": false } } ] }""");

        Assert.Empty(report.Failures);
        Assert.Equal(["End_NoPlace"], report.Active);
        Assert.Equal("End_NoPlace", Assert.Single(report.Incidents).Element);
        Assert.Contains(report.Trace, t => t.Element == "End_NoPlace" && t.Event == "error-thrown");
        Assert.DoesNotContain(report.Trace, t => t.Element == "End_NoPlace" && t.Event == "element-completed");
        Assert.False(report.Ended);
    }

    [Fact]
    public void A_caught_error_end_event_completes_before_its_error_is_thrown_and_is_not_active()
    {
        var report = Simulate("""{ "process": "CaughtErrorEnd", "steps": [ { "expect": { "active": ["Task_Waitlist"], "completed": ["End_SubNoPlace"] } } ] }""");

        Assert.Empty(report.Failures);
        Assert.Empty(report.Incidents);
        var events = report.Trace.Select(t => (t.Element, t.Event)).ToList();
        Assert.True(
            events.IndexOf(("End_SubNoPlace", "element-completed")) < events.IndexOf(("End_SubNoPlace", "error-thrown")),
            string.Join(", ", events));
        Assert.Equal(["Task_Waitlist"], report.Active);
    }

    [Fact]
    public void A_joining_gateway_holding_a_token_is_not_active()
    {
        var report = Simulate("""
            { "process": "ParallelJoin", "steps": [
                { "complete": "Task_School" },
                { "expect": { "active": ["Task_Health"], "notCompleted": ["Join"] } },
                { "complete": "Task_Health" },
                { "expect": { "ended": true, "active": [], "completed": ["Join"] } }
              ] }
            """);

        Assert.Empty(report.Failures);
        Assert.True(report.Ended);
    }
}
