using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;
using static Orchestrator.Engine.Tests.Parsing.BpmnFixtures;

namespace Orchestrator.Engine.Tests.Validation;

/// <summary>Bad <c>orc:reminder</c>, <c>orc:escalateAfter</c>, <c>orc:escalateTo</c>, <c>orc:notify</c> values name the element and the attribute.</summary>
public class ReminderValidationTests
{
    private static readonly FeelEngine Feel = new();

    private static IReadOnlyList<BpmnProblem> Validate(string attributes, string kind = "userTask", string extra = "")
    {
        var xml = Around($"""<bpmn:{kind} id="T" orc:candidateGroups="lawyer" {attributes} {extra} />""", "T", """<bpmn:message id="M" name="reply" />""");
        var parsed = BpmnParser.Parse(xml, "r.bpmn");
        Assert.NotNull(parsed.Definitions);
        return [.. parsed.Problems, .. BpmnValidator.Validate([parsed.Definitions!], Feel)];
    }

    private static BpmnProblem Single(IReadOnlyList<BpmnProblem> problems, string code, ProblemSeverity severity = ProblemSeverity.Error)
    {
        var matching = problems.Where(p => p.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}; got:\n{string.Join("\n", problems)}");
        Assert.Equal("T", matching[0].ElementId);
        Assert.Equal("r.bpmn", matching[0].File);
        Assert.Equal(severity, matching[0].Severity);
        return matching[0];
    }

    [Theory]
    [InlineData("orc:reminder=\"P30D\"")]
    [InlineData("orc:reminder=\"R/P7D\"")]
    [InlineData("orc:reminder=\"R2/P1D\"")]
    [InlineData("orc:reminder=\"=if urgent then &quot;R/P1D&quot; else null\"")]
    [InlineData("orc:escalateAfter=\"P45D\" orc:escalateTo=\"director\"")]
    [InlineData("orc:escalateAfter=\"2026-03-01T09:00:00\"")]
    [InlineData("orc:escalateAfter=\"=deadline\" orc:escalateTo=\"=region\"")]
    [InlineData("orc:notify=\"candidates\"")]
    [InlineData("orc:notify=\"none\" orc:externalRecipient=\"=email\" orc:language=\"en\"")]
    public void Good_values_pass(string attributes)
    {
        var problems = Validate(attributes);
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
        Assert.DoesNotContain(problems, p => p.Code is ValidationCodes.InvalidReminder or ParseCodes.UnknownAttribute);
    }

    [Theory]
    [InlineData("orc:reminder=\"weekly\"", "orc:reminder 'weekly'")]
    [InlineData("orc:reminder=\"P1X\"", "orc:reminder 'P1X'")]
    [InlineData("orc:reminder=\"PT0S\"", "orc:reminder 'PT0S'")]
    [InlineData("orc:reminder=\"2026-03-01T09:00:00Z\"", "orc:reminder '2026-03-01T09:00:00Z'")]
    [InlineData("orc:escalateAfter=\"R/P7D\"", "orc:escalateAfter 'R/P7D'")]
    [InlineData("orc:escalateAfter=\"45 days\"", "orc:escalateAfter '45 days'")]
    [InlineData("orc:escalateAfter=\"P45D\" orc:escalateTo=\"  \"", "orc:escalateTo of 'T' is empty")]
    public void Bad_values_are_errors_naming_the_element_and_the_attribute(string attributes, string expected)
    {
        var problem = Single(Validate(attributes), ValidationCodes.InvalidReminder);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_on_a_receive_task_too()
    {
        var problem = Single(Validate("messageRef=\"M\" orc:correlationKey=\"=caseId\" orc:reminder=\"sometimes\"", "receiveTask"), ValidationCodes.InvalidReminder);
        Assert.Contains("orc:reminder 'sometimes' of 'T'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outside_recipient_on_a_receive_task_is_an_error_pointing_to_a_user_task()
    {
        var problem = Single(Validate("messageRef=\"M\" orc:correlationKey=\"=caseId\" orc:externalRecipient=\"=consulateEmail\"", "receiveTask"), ValidationCodes.InvalidAttribute);
        Assert.Contains("user task", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalateTo_without_escalateAfter_is_a_warning() =>
        Single(Validate("orc:escalateTo=\"director\""), ValidationCodes.InvalidReminder, ProblemSeverity.Warning);

    [Fact]
    public void Feel_in_the_new_attributes_is_checked() =>
        Assert.Contains("Attribute reminder of 'T'", Single(Validate("orc:reminder=\"=if then\""), ValidationCodes.FeelSyntax).Message, StringComparison.Ordinal);

    [Fact]
    public void Notify_must_be_assignee_candidates_or_none()
    {
        var problem = Single(Validate("orc:notify=\"boss\""), ValidationCodes.InvalidAttribute);
        Assert.Contains("orc:notify 'boss'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_orc_attribute_is_a_warning_naming_it()
    {
        var problem = Single(Validate("orc:remindr=\"P7D\""), ParseCodes.UnknownAttribute, ProblemSeverity.Warning);
        Assert.Contains("orc:remindr", problem.Message, StringComparison.Ordinal);
    }
}
