using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Simulation;

namespace Orchestrator.Engine.Tests.Simulation;

/// <summary>
/// <c>simulate</c> as designers use it: scenarios in the contract's format against execution fixtures, and the
/// exact wording of what goes wrong.
/// </summary>
public sealed class ScenarioRunnerTests
{
    private static readonly DateTimeOffset DefaultStart = new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static string FixturePath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", "Execution", name);

    private static SimulationReport Simulate(string scenarioJson, params string[] fixtures) =>
        ScenarioRunner.Run(
            [.. fixtures.Select(f => new BpmnSource(f, File.ReadAllText(FixturePath(f))))],
            Scenario.Parse(scenarioJson, DefaultStart));

    [Fact]
    public void Reception_deadline_escalates_at_day_45_and_not_a_minute_before()
    {
        var report = Simulate("""
            { "start": "2026-01-01T09:00:00Z", "variables": { "urgent": true, "caseWorker": "ana" },
              "steps": [
                { "expect": { "active": ["Task_Receive"],
                              "tasks": [{ "id": "Task_Receive", "candidateGroups": ["reception", "coordinator"],
                                          "due": "2026-02-15T09:00:00Z", "priority": 90, "assignee": "ana" }] } },
                { "advance": "P44DT23H59M" },
                { "expect": { "active": ["Task_Receive"], "notCompleted": ["Deadline_45Days"] } },
                { "advance": "PT1M" },
                { "expect": { "active": ["Task_Escalate"], "completed": ["Deadline_45Days"], "notCompleted": ["Task_Receive"] } },
                { "complete": "Task_Escalate" },
                { "expect": { "ended": true, "active": [] } }
              ] }
            """, "reception-deadline.bpmn");

        Assert.Empty(report.Failures);
        Assert.True(report.Passed);
        Assert.True(report.Ended);
        Assert.Contains(report.Trace, t => t.Element == "Deadline_45Days" && t.Event == "timer-fired" && t.At == new DateTimeOffset(2026, 2, 15, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_failed_expectation_says_what_was_expected_and_what_was()
    {
        var report = Simulate("""
            { "start": "2026-01-01T09:00:00Z", "variables": { "urgent": false },
              "steps": [
                { "expect": { "active": ["Task_Escalate"], "ended": true, "completed": ["Task_Receive"],
                              "variables": { "urgent": true, "missing": 1 },
                              "tasks": [{ "id": "Task_Receive", "priority": 90, "due": "2026-01-02T09:00:00Z" }] } }
              ] }
            """, "reception-deadline.bpmn");

        Assert.False(report.Passed);
        Assert.Equal(
            [
                "step 1: expected active [Task_Escalate], was [Task_Receive]",
                "step 1: expected completed [Task_Receive], but they have not completed (completed: [Start_Reception])",
                "step 1: expected the instance to have ended, but it is still waiting at [Task_Receive]",
                "step 1: expected variable urgent = true, was false",
                "step 1: expected variable missing = 1, but it is not set",
                "step 1: task Task_Receive: expected due 2026-01-02T09:00:00Z, was 2026-02-15T09:00:00Z",
                "step 1: task Task_Receive: expected priority 90, was 50",
            ],
            report.Failures);
    }

    [Fact]
    public void Steps_that_cannot_happen_are_failures_and_the_run_goes_on()
    {
        var report = Simulate("""
            { "start": "2026-01-01T09:00:00Z", "variables": { "urgent": false },
              "steps": [
                { "complete": "Task_Escalate" },
                { "message": "nobodyWaits", "correlationKey": "case-1" },
                { "expect": { "active": ["Task_Receive"] } }
              ] }
            """, "reception-deadline.bpmn");

        Assert.Equal(
            [
                "step 1: cannot complete Task_Escalate: it has no open task (open tasks: [Task_Receive])",
                "step 2: message nobodyWaits (correlation key case-1) was not correlated: nothing waits for it",
            ],
            report.Failures);
    }

    [Fact]
    public void Mocks_answer_with_output_bpmn_errors_and_technical_failures()
    {
        var caught = Simulate("""
            { "start": "2026-01-01T09:00:00Z",
              "mocks": { "Service_CheckDocuments": { "error": "DOCS_MISSING" } },
              "steps": [ { "expect": { "active": ["Task_RequestDocuments"], "completed": ["Catch_DocsMissing"] } } ] }
            """, "errors.bpmn");
        Assert.Empty(caught.Failures);

        var failing = Simulate("""
            { "start": "2026-01-01T09:00:00Z",
              "mocks": { "Service_CheckDocuments": { "fail": "registry offline" } },
              "steps": [ { "advance": "P1D" }, { "expect": { "incidents": ["Service_CheckDocuments"] } } ] }
            """, "errors.bpmn");
        Assert.Empty(failing.Failures);
        var incident = Assert.Single(failing.Incidents);
        Assert.Equal("Service_CheckDocuments", incident.Element);
        Assert.Contains("registry offline", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_correlate_by_name_and_key()
    {
        var report = Simulate("""
            { "start": "2026-01-01T09:00:00Z", "variables": { "caseId": "CA-2026-0001", "owner": "ana" },
              "steps": [
                { "message": "infoRequested", "correlationKey": "CA-2026-0002" },
                { "message": "infoRequested", "correlationKey": "CA-2026-0001" },
                { "expect": { "active": ["Task_Study", "Task_AnswerInfo"] } }
              ] }
            """, "message-boundary.bpmn");

        Assert.Equal(["step 1: message infoRequested (correlation key CA-2026-0002) was not correlated: nothing waits for it"], report.Failures);
    }

    [Fact]
    public void The_report_prints_in_the_contract_format()
    {
        var report = Simulate("""{ "start": "2026-01-01T09:00:00Z", "variables": { "urgent": true } }""", "reception-deadline.bpmn");
        var json = JsonNode.Parse(report.ToJson())!.AsObject();

        Assert.Equal(["trace", "active", "ended", "variables", "incidents", "failures"], json.Select(p => p.Key));
        var first = json["trace"]![0]!.AsObject();
        Assert.Equal(["at", "element", "event"], first.Select(p => p.Key));
        Assert.Equal("2026-01-01T09:00:00Z", (string?)first["at"]);
        Assert.Equal("Task_Receive", (string?)json["active"]![0]);
        Assert.True((bool?)json["variables"]!["urgent"]);
    }

    [Fact]
    public void Without_a_start_the_scenario_starts_at_the_default_instant()
    {
        var report = Simulate("""{ "variables": { "urgent": true } }""", "reception-deadline.bpmn");
        Assert.Equal(DefaultStart, report.Trace[0].At);
    }

    [Theory]
    [InlineData("[]", "the scenario must be a JSON object")]
    [InlineData("{ \"stepz\": [] }", "stepz: unknown field (expected process, start, variables, mocks, steps)")]
    [InlineData("{ \"start\": \"tomorrow\" }", "start: \"tomorrow\" is not an ISO 8601 date-time such as 2026-01-01T09:00:00Z")]
    [InlineData("{ \"steps\": [ { \"advance\": \"P1X\" } ] }", "steps[1].advance: \"P1X\" is not an ISO 8601 duration such as P1D or PT12H")]
    [InlineData("{ \"steps\": [ { \"expect\": { \"ended\": \"yes\" } } ] }", "steps[1].expect.ended: must be true or false")]
    [InlineData("{ \"steps\": [ {}, { \"jump\": 1 } ] }", "steps[1]: a step must have one of complete, advance, message, expect")]
    [InlineData("{ \"steps\": [ { \"complete\": \"A\", \"varz\": {} } ] }", "steps[1].varz: unknown field (expected complete, variables)")]
    [InlineData("{ \"mocks\": { \"S\": { \"output\": {}, \"fail\": \"x\" } } }", "mocks.S: must be an object with exactly one of output, error, fail")]
    [InlineData("{ \"steps\": [ { \"expect\": { \"tasks\": [ { \"candidateGroups\": [\"x\"] } ] } } ] }", "steps[1].expect.tasks[1].id: must be a string")]
    [InlineData("{ ", "not valid JSON")]
    public void A_scenario_that_cannot_be_read_names_the_field(string json, string message)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => Scenario.Parse(json, DefaultStart));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_naming_an_unknown_process_or_element_is_refused()
    {
        Assert.Equal(
            "process: no executable process 'Nope' in the given files (there are: Reception)",
            Assert.Throws<ScenarioFormatException>(() => Simulate("""{ "process": "Nope" }""", "reception-deadline.bpmn")).Message);
        Assert.Equal(
            "mocks.Task_Receive: is a userTask; only service and send tasks can be mocked",
            Assert.Throws<ScenarioFormatException>(() => Simulate("""{ "mocks": { "Task_Receive": { "output": {} } } }""", "reception-deadline.bpmn")).Message);
    }
}
