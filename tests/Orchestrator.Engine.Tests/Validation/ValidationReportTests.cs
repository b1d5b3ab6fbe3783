using System.Text.Json;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;
using Orchestrator.Engine.Tests.Parsing;

namespace Orchestrator.Engine.Tests.Validation;

/// <summary>What the <c>validate</c> command prints and returns (the command itself only parses its arguments).</summary>
public class ValidationReportTests
{
    private static readonly FeelEngine Feel = new();

    [Fact]
    public void Valid_files_together_have_no_errors()
    {
        var problems = ValidationReport.ValidateFiles(
            [BpmnFixtures.PathOf("Parsing", "camunda7-modeler.bpmn"), BpmnFixtures.PathOf("Parsing", "family-tracing.bpmn")], Feel);
        Assert.True(ValidationReport.IsValid(problems), string.Join("\n", problems));
    }

    [Fact]
    public void Missing_file_is_a_problem_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.bpmn");
        var problems = ValidationReport.ValidateFiles([missing, BpmnFixtures.PathOf("Parsing", "family-tracing.bpmn")], Feel);
        var problem = Assert.Single(problems);
        Assert.Equal((missing, BpmnProblem.FileLevel, ValidationReport.FileNotFound), (problem.File, problem.ElementId, problem.Code));
        Assert.False(ValidationReport.IsValid(problems));
        Assert.Equal($"{missing}: -: file-not-found: File not found.", ValidationReport.FormatLine(problem));
    }

    [Fact]
    public void Problems_of_several_files_come_in_the_order_given_with_file_parse_and_validation_problems()
    {
        var bad = BpmnFixtures.PathOf("Validation", "many-problems.bpmn");
        var java = BpmnFixtures.PathOf("Parsing", "camunda7-java.bpmn");
        var problems = ValidationReport.ValidateFiles([java, bad], Feel);
        Assert.False(ValidationReport.IsValid(problems));
        var files = problems.Select(p => p.File).Distinct().ToList();
        Assert.Equal([java, bad], files);
        Assert.Contains(problems, p => p.File == bad && p.ElementId == "Task_Orphan" && p.Code == ValidationCodes.Unreachable);
    }

    [Fact]
    public void Warnings_alone_are_valid_and_say_warning()
    {
        var warning = new BpmnProblem("a.bpmn", "Task_1", ValidationCodes.UserTaskUnassigned, "nobody sees it", ProblemSeverity.Warning);
        Assert.True(ValidationReport.IsValid([warning]));
        Assert.Equal("a.bpmn: Task_1: user-task-unassigned: warning: nobody sees it", ValidationReport.FormatLine(warning));
    }

    [Fact]
    public void Json_has_the_contract_fields()
    {
        var problems = new[]
        {
            new BpmnProblem("a.bpmn", "Flow_1", ValidationCodes.FeelSyntax, "bad \"FEEL\""),
            new BpmnProblem("a.bpmn", "Task_1", ValidationCodes.UserTaskUnassigned, "w", ProblemSeverity.Warning),
        };
        using var doc = JsonDocument.Parse(ValidationReport.FormatJson(problems));
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(["file", "elementId", "code", "message", "severity"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("bad \"FEEL\"", items[0].GetProperty("message").GetString());
        Assert.Equal("error", items[0].GetProperty("severity").GetString());
        Assert.Equal("warning", items[1].GetProperty("severity").GetString());
        Assert.Equal("[]", ValidationReport.FormatJson([]));
    }
}
