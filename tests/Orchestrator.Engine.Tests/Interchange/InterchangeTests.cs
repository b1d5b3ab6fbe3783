using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;
using Orchestrator.Engine.Tests.Parsing;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Tests.Interchange;

/// <summary>
/// What files from other modelers need, point by point: code-page encodings, QName references, one diagnostic per
/// problem at the element a designer clicks, the file's expression language, unsupported event sub-process starts,
/// BPMN's own resource assignment, shared event definitions and Activiti's namespace. The fixtures are in
/// <c>Fixtures/Interchange</c>; <see cref="InterchangeSampleTests"/> holds every file's whole outcome.
/// </summary>
public sealed class InterchangeTests
{
    private const string Folder = "Interchange";

    private static BpmnParseResult ParseFile(string name)
    {
        using var stream = File.OpenRead(BpmnFixtures.PathOf(Folder, name));
        return BpmnParser.Parse(stream, name);
    }

    private static IReadOnlyList<BpmnProblem> Validate(string xml)
    {
        var parsed = BpmnParser.Parse(xml, "inline.bpmn");
        return BpmnValidator.ValidateParsed([parsed], new FeelEngine());
    }

    private static IReadOnlyList<BpmnProblem> Errors(IEnumerable<BpmnProblem> problems) => [.. problems.Where(p => p.Severity == ProblemSeverity.Error)];

    [Fact]
    public void A_windows_1252_file_is_read_with_its_characters()
    {
        var result = ParseFile("encoding-windows-1252.bpmn");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var process = Assert.Single(result.Definitions!.Processes);
        Assert.Equal("Recepción del niño", process.Name);
        Assert.Equal("Evaluación inicial – ayuda de 50 €", process.FindNode("Task_Evaluacion")!.Name); // – and € differ from ISO-8859-1
    }

    [Fact]
    public void A_file_not_saved_in_the_encoding_it_declares_is_one_error_that_says_so()
    {
        var result = ParseFile("miwg-genmymodel-C.1.0-export.bpmn");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((BpmnProblem.FileLevel, ParseCodes.XmlMalformed), (problem.ElementId, problem.Code));
        Assert.Contains("not saved in the encoding it declares ('UTF-8')", problem.Message, StringComparison.Ordinal);
        Assert.Contains("line 97, position 67", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefixed_references_resolve_by_their_namespace()
    {
        var result = ParseFile("qname-references.bpmn");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var process = result.Definitions!.Processes[0];
        var review = (UserTask)process.FindNode("Task_Review")!;
        var documents = (BoundaryEvent)process.FindNode("Boundary_Documents")!;
        Assert.Same(review, documents.AttachedTo);
        Assert.Equal("documentsReceived", ((MessageEventDefinition)documents.Definition!).Message!.Name);
        var court = (BoundaryEvent)process.FindNode("Boundary_Court")!;
        Assert.Equal("COURT_CLOSED", ((ErrorEventDefinition)court.Definition!).Error!.ErrorCode);
        Assert.True(process.FindNode("Task_Court")!.Outgoing.Single().IsDefault);
        Assert.Equal("Task_Review", process.FindNode("Start")!.Outgoing.Single().Target.Id);
        Assert.Equal("FamilyTracing", ((CallActivity)process.FindNode("Call_Tracing")!).CalledElement.Text); // other: is an imported file
    }

    [Fact]
    public void A_reference_into_an_imported_file_is_one_error_naming_the_file()
    {
        var problems = Validate($"""
            <bpmn:definitions {BpmnFixtures.Namespaces} xmlns:other="urn:other" id="D" targetNamespace="urn:this">
              <bpmn:import importType="http://www.omg.org/spec/BPMN/20100524/MODEL" location="court.bpmn" namespace="urn:other" />
              <bpmn:process id="P" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateCatchEvent id="Catch"><bpmn:messageEventDefinition messageRef="other:Msg_Ruling" /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Catch" />
                <bpmn:sequenceFlow id="F2" sourceRef="Catch" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var error = Assert.Single(Errors(problems));
        Assert.Equal(("Catch", ParseCodes.UnresolvedReference), (error.ElementId, error.Code));
        Assert.Contains("court.bpmn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_juel_condition_is_reported_at_its_flow_not_at_the_condition_expression()
    {
        var problems = ValidationReport.ValidateFiles([BpmnFixtures.PathOf(Folder, "camunda7-said-once.bpmn")], new FeelEngine());

        Assert.DoesNotContain(problems, p => p.ElementId is "Expr_Juel" or "Expr_Deferred");
        Assert.DoesNotContain(problems, p => p.Code is ValidationCodes.FeelSyntax or ValidationCodes.ServiceTaskTypeMissing
            or ValidationCodes.SendTaskTemplateMissing or ValidationCodes.InvalidTimer or ValidationCodes.ScriptMissing or ParseCodes.EmptyCondition);
        var empty = Assert.Single(problems, p => p.ElementId == "Flow_Empty");
        Assert.Contains("empty condition", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_condition_where_none_is_needed_is_one_warning_whatever_its_language()
    {
        var problems = Validate($"""
            <bpmn:definitions {BpmnFixtures.Namespaces} id="D" targetNamespace="urn:this">
              <bpmn:process id="P" isExecutable="true">
                <bpmn:startEvent id="Start" /><bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="http://www.w3.org/1999/XPath" />
                </bpmn:sequenceFlow>
              </bpmn:process>
            </bpmn:definitions>
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(("F", ParseCodes.EmptyCondition, ProblemSeverity.Warning), (problem.ElementId, problem.Code, problem.Severity));
    }

    [Fact]
    public void The_files_expression_language_applies_to_conditions_without_their_own()
    {
        var result = ParseFile("xpath-expression-language.bpmn");

        var refused = result.Problems.Where(p => p.Code == ParseCodes.UnsupportedScriptFormat).Select(p => p.ElementId).Order(StringComparer.Ordinal);
        Assert.Equal(["Flow_Approved", "Flow_Refused"], refused);
        Assert.Contains("XPath", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_names_feel_is_checked_as_feel_in_an_xpath_file()
    {
        var problems = Validate($"""
            <bpmn:definitions {BpmnFixtures.Namespaces} id="D" targetNamespace="urn:this" expressionLanguage="http://www.w3.org/1999/XPath">
              <bpmn:process id="P" isExecutable="true">
                <bpmn:startEvent id="Start" /><bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End">
                  <bpmn:conditionExpression language="feel">age &gt;=</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
              </bpmn:process>
            </bpmn:definitions>
            """);

        var error = Assert.Single(Errors(problems));
        Assert.Equal(("F", ValidationCodes.FeelSyntax), (error.ElementId, error.Code));
    }

    [Fact]
    public void An_event_sub_process_with_a_compensation_start_is_refused_once_at_its_start_event()
    {
        var problems = ValidationReport.ValidateFiles([BpmnFixtures.PathOf(Folder, "compensation-event-subprocess.bpmn")], new FeelEngine());

        var error = Assert.Single(Errors(problems));
        Assert.Equal(("Start_Compensate", ParseCodes.UnsupportedElement), (error.ElementId, error.Code));
        Assert.DoesNotContain(problems, p => p.Message.Contains("0 start event", StringComparison.Ordinal));
    }

    [Fact]
    public void Human_performer_and_potential_owners_become_assignee_and_candidates()
    {
        var result = ParseFile("resource-assignment.bpmn");
        var process = result.Definitions!.Processes[0];
        UserTask Task(string id) => (UserTask)process.FindNode(id)!;

        Assert.Equal("maria.lopez", Task("Task_Performer").Assignee!.Text);
        Assert.Equal("ana.ruiz", Task("Task_Owners").CandidateUsers!.Text);
        Assert.Equal("social-worker,coordinator", Task("Task_Owners").CandidateGroups!.Text);
        Assert.Equal("psychologist", Task("Task_Resource").CandidateGroups!.Text);
        Assert.Equal("lawyer", Task("Task_Attributes").CandidateGroups!.Text); // orc: attributes win
        var warning = Assert.Single(result.Problems);
        Assert.Equal(("Task_Parameters", ParseCodes.ResourceAssignmentIgnored, ProblemSeverity.Warning), (warning.ElementId, warning.Code, warning.Severity));
    }

    [Fact]
    public void Potential_owners_reach_the_task_in_the_inbox_and_an_unread_one_is_not_also_unassigned()
    {
        var runtime = new InMemoryWorkflowRuntime(new InMemoryRuntimeOptions());
        runtime.Deploy(File.ReadAllText(BpmnFixtures.PathOf(Folder, "resource-assignment.bpmn")), "resource-assignment.bpmn");
        var id = runtime.StartInstance("Resources");
        Assert.Equal("maria.lopez", Assert.Single(runtime.OpenTasks(id)).Assignee);
        runtime.CompleteTask(runtime.OpenTasks(id)[0].Id, null, "maria.lopez");
        var owners = Assert.Single(runtime.OpenTasks(id));
        Assert.Equal(["ana.ruiz"], owners.CandidateUsers);
        Assert.Equal(["coordinator", "social-worker"], owners.CandidateGroups.Order(StringComparer.Ordinal));

        var problems = ValidationReport.ValidateFiles([BpmnFixtures.PathOf(Folder, "resource-assignment.bpmn")], new FeelEngine());
        Assert.DoesNotContain(problems, p => p.Code == ValidationCodes.UserTaskUnassigned);
    }

    [Fact]
    public void Shared_event_definitions_are_read_as_if_they_were_inline()
    {
        var result = ParseFile("shared-event-definitions.bpmn");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var process = result.Definitions!.Processes[0];
        var decision = (MessageEventDefinition)((IntermediateCatchEvent)process.FindNode("Catch_Decision")!).Definition!;
        Assert.Equal("courtDecision", decision.Message!.Name);
        var week = (TimerEventDefinition)((IntermediateCatchEvent)process.FindNode("Catch_Week")!).Definition!;
        Assert.Equal((TimerKind.Duration, "P7D"), (week.Kind, week.Value.Text));
    }

    [Fact]
    public void Camunda_7_attributes_in_activitis_namespace_are_read_and_tool_data_ids_are_no_duplicates()
    {
        var result = ParseFile("activiti-namespace.bpmn");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var process = result.Definitions!.Processes[0];
        var intake = (UserTask)process.FindNode("Task_Intake")!;
        Assert.Equal(("social-worker", "intake-form", "P2D"), (intake.CandidateGroups!.Text, intake.FormKey!.Text, intake.DueDate!.Text));
        Assert.Equal("maria.lopez", ((UserTask)process.FindNode("Task_Assigned")!).Assignee!.Text);
        Assert.DoesNotContain(result.Problems, p => p.Code == ParseCodes.DuplicateId);
    }

    [Theory]
    [InlineData("feel", true)]
    [InlineData("FEEL", true)]
    [InlineData("https://www.omg.org/spec/DMN/20191111/FEEL/", true)]
    [InlineData("https://www.omg.org/spec/DMN/20240513/FEEL/", true)]
    [InlineData("http://www.omg.org/spec/DMN/20180521/FEEL/", true)]
    [InlineData("http://www.omg.org/spec/FEEL/20140401", true)]
    [InlineData("http://www.w3.org/1999/XPath", false)]
    [InlineData("javascript", false)]
    public void Every_name_of_feel_is_feel(string language, bool isFeel)
    {
        var problems = Validate($"""
            <bpmn:definitions {BpmnFixtures.Namespaces} id="D" targetNamespace="urn:this">
              <bpmn:process id="P" isExecutable="true">
                <bpmn:startEvent id="Start" /><bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="End">
                  <bpmn:conditionExpression language="{language}">age &gt;= 16</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
              </bpmn:process>
            </bpmn:definitions>
            """);

        Assert.Equal(isFeel, Errors(problems).Count == 0);
    }
}
