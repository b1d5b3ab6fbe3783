using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;
using static Orchestrator.Engine.Tests.Parsing.BpmnFixtures;

namespace Orchestrator.Engine.Tests.Validation;

/// <summary>One test per validation rule: each asserts the file, the element id and the code.</summary>
public class BpmnValidatorTests
{
    private static readonly FeelEngine Feel = new();

    private static IReadOnlyList<BpmnProblem> Validate(string xml, string file = "v.bpmn")
    {
        var parsed = BpmnParser.Parse(xml, file);
        Assert.NotNull(parsed.Definitions);
        return BpmnValidator.Validate([parsed.Definitions!], Feel);
    }

    private static BpmnProblem Expect(IReadOnlyList<BpmnProblem> problems, string elementId, string code, ProblemSeverity severity = ProblemSeverity.Error, string file = "v.bpmn")
    {
        var problem = problems.FirstOrDefault(p => p.ElementId == elementId && p.Code == code);
        Assert.True(problem is not null, $"expected {elementId}: {code}; got:\n{string.Join("\n", problems)}");
        Assert.Equal(file, problem!.File);
        Assert.Equal(severity, problem.Severity);
        return problem;
    }

    private static string Message(string id, string name) => $"""<bpmn:message id="{id}" name="{name}" />""";

    // ------------------------------------------------------------ the fixtures are valid

    [Fact]
    public void Camunda_Modeler_files_validated_together_have_no_errors()
    {
        var files = new[] { Load("Parsing", "camunda7-modeler.bpmn"), Load("Parsing", "family-tracing.bpmn") };
        var problems = BpmnValidator.Validate(files, Feel);
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
        Assert.DoesNotContain(problems, p => p.Code == ValidationCodes.CalledProcessUnknown);
    }

    [Theory]
    [InlineData("orc-journey.bpmn")]
    [InlineData("camunda8-zeebe.bpmn")]
    [InlineData("no-diagram.bpmn")]
    public void Valid_fixtures_have_no_errors(string name)
    {
        var problems = BpmnValidator.Validate([Load("Parsing", name)], Feel);
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void Reports_every_problem_not_just_the_first()
    {
        var problems = BpmnValidator.ValidateParsed([Parse("Validation", "many-problems.bpmn")], Feel);
        var found = problems.Select(p => (p.ElementId, p.Code)).ToHashSet();
        Assert.Contains(("Flow_Bad", ValidationCodes.FeelSyntax), found);
        Assert.Contains(("Timer_Bad", ValidationCodes.InvalidTimer), found);
        Assert.Contains(("Task_Orphan", ValidationCodes.Unreachable), found);
        Assert.Contains(("Flow_NoCondition", ValidationCodes.MissingCondition), found);
        Assert.Contains(("Wait_NoMessage", ValidationCodes.MessageMissing), found);
        Assert.Contains(("Task_Java", "java-required"), found);
        Assert.All(problems, p => Assert.Equal("many-problems.bpmn", p.File));
    }

    // ------------------------------------------------------------ processes and start events

    [Fact]
    public void No_executable_process_is_a_warning()
    {
        var xml = Process("<bpmn:startEvent id=\"S\" />").Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal);
        Expect(Validate(xml), BpmnProblem.FileLevel, ValidationCodes.NoExecutableProcess, ProblemSeverity.Warning);
    }

    [Fact]
    public void Duplicate_process_id_across_files()
    {
        var a = BpmnParser.Parse(Around("<bpmn:task id=\"T\" />", "T"), "a.bpmn").Definitions!;
        var b = BpmnParser.Parse(Around("<bpmn:task id=\"T\" />", "T"), "b.bpmn").Definitions!;
        Expect(BpmnValidator.Validate([a, b], Feel), "P", ValidationCodes.DuplicateProcessId, file: "b.bpmn");
    }

    [Fact]
    public void Process_without_start_event()
    {
        Expect(Validate(Process("<bpmn:task id=\"T\" />")), "P", ValidationCodes.NoStartEvent);
    }

    [Fact]
    public void Process_with_only_a_message_start_warns()
    {
        var xml = Process("""
            <bpmn:startEvent id="S"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>
            <bpmn:endEvent id="E" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
            """, Message("M", "referral"));
        var problems = Validate(xml);
        Expect(problems, "P", ValidationCodes.NoNoneStartEvent, ProblemSeverity.Warning);
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void Two_none_start_events()
    {
        var xml = Process("""
            <bpmn:startEvent id="S1" /><bpmn:startEvent id="S2" /><bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="E" /><bpmn:sequenceFlow id="F2" sourceRef="S2" targetRef="E" />
            """);
        Expect(Validate(xml), "P", ValidationCodes.MultipleNoneStartEvents);
    }

    [Fact]
    public void Embedded_sub_process_without_start_event()
    {
        Expect(Validate(Around("""<bpmn:subProcess id="Sub"><bpmn:task id="Inner" /></bpmn:subProcess>""", "Sub")), "Sub", ValidationCodes.SubProcessStartEvent);
    }

    [Fact]
    public void Event_sub_process_without_trigger()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" /><bpmn:endEvent id="E" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
            <bpmn:subProcess id="Esp" triggeredByEvent="true"><bpmn:startEvent id="EspStart" /><bpmn:endEvent id="EspEnd" />
              <bpmn:sequenceFlow id="EF" sourceRef="EspStart" targetRef="EspEnd" /></bpmn:subProcess>
            """);
        Expect(Validate(xml), "Esp", ValidationCodes.SubProcessStartEvent);
    }

    [Fact]
    public void Event_sub_process_with_a_sequence_flow()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" /><bpmn:endEvent id="E" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="Esp" />
            <bpmn:subProcess id="Esp" triggeredByEvent="true">
              <bpmn:startEvent id="EspStart"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:endEvent id="EspEnd" /><bpmn:sequenceFlow id="EF" sourceRef="EspStart" targetRef="EspEnd" /></bpmn:subProcess>
            """);
        Expect(Validate(xml), "Esp", ValidationCodes.EventSubProcessFlow);
    }

    [Theory]
    [InlineData("""<bpmn:endEvent id="X"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:endEvent>""")]
    [InlineData("""<bpmn:intermediateCatchEvent id="X" />""")]
    [InlineData("""<bpmn:intermediateCatchEvent id="X"><bpmn:errorEventDefinition /></bpmn:intermediateCatchEvent>""")]
    [InlineData("""<bpmn:intermediateThrowEvent id="X"><bpmn:terminateEventDefinition /></bpmn:intermediateThrowEvent>""")]
    public void Event_definition_not_allowed_on_that_event(string element)
    {
        Expect(Validate(Around(element, "X")), "X", ValidationCodes.EventDefinitionNotAllowed);
    }

    [Fact]
    public void Error_start_event_in_a_process_is_not_allowed()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" /><bpmn:endEvent id="E" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
            <bpmn:startEvent id="ErrStart"><bpmn:errorEventDefinition /></bpmn:startEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="ErrStart" targetRef="E" />
            """);
        Expect(Validate(xml), "ErrStart", ValidationCodes.EventDefinitionNotAllowed);
    }

    [Fact]
    public void Non_interrupting_error_boundary_is_not_allowed()
    {
        var xml = Around("""
            <bpmn:userTask id="T" orc:assignee="ana" />
            <bpmn:boundaryEvent id="B" attachedToRef="T" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="FB" sourceRef="B" targetRef="End" />
            """, "T");
        Expect(Validate(xml), "B", ValidationCodes.EventDefinitionNotAllowed);
    }

    // ------------------------------------------------------------ flow structure

    [Fact]
    public void Unreachable_element()
    {
        var problems = Validate(Around("""<bpmn:userTask id="T" orc:assignee="ana" /><bpmn:userTask id="Orphan" orc:assignee="ana" /><bpmn:sequenceFlow id="FO" sourceRef="Orphan" targetRef="End" />""", "T"));
        Expect(problems, "Orphan", ValidationCodes.Unreachable);
        Assert.DoesNotContain(problems, p => p.ElementId is "T" or "End" && p.Code == ValidationCodes.Unreachable);
    }

    [Fact]
    public void Boundary_events_and_event_sub_processes_are_reachable()
    {
        var problems = BpmnValidator.Validate([Load("Parsing", "camunda7-modeler.bpmn")], Feel);
        Assert.DoesNotContain(problems, p => p.Code == ValidationCodes.Unreachable);
    }

    [Fact]
    public void Gateway_without_outgoing_flow_is_an_error()
    {
        var xml = Process("""<bpmn:startEvent id="S" /><bpmn:exclusiveGateway id="G" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="G" />""");
        Expect(Validate(xml), "G", ValidationCodes.MissingOutgoing);
    }

    [Fact]
    public void Task_without_outgoing_flow_is_a_warning()
    {
        var xml = Process("""<bpmn:startEvent id="S" /><bpmn:task id="T" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T" />""");
        Expect(Validate(xml), "T", ValidationCodes.MissingOutgoing, ProblemSeverity.Warning);
    }

    private static string Gateway(string kind, string flow1, string flow2, string defaultAttr = "") => Process($"""
        <bpmn:startEvent id="S" /><bpmn:{kind} id="G" {defaultAttr} /><bpmn:endEvent id="E1" /><bpmn:endEvent id="E2" />
        <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G" />
        <bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="E1">{flow1}</bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E2">{flow2}</bpmn:sequenceFlow>
        """);

    private const string Cond = "<bpmn:conditionExpression>= x &gt; 1</bpmn:conditionExpression>";

    [Theory]
    [InlineData("exclusiveGateway")]
    [InlineData("inclusiveGateway")]
    public void Flow_without_condition_and_no_default(string kind)
    {
        var problems = Validate(Gateway(kind, Cond, string.Empty));
        Expect(problems, "F2", ValidationCodes.MissingCondition);
        Assert.DoesNotContain(problems, p => p.ElementId == "F1");
    }

    [Fact]
    public void Default_flow_needs_no_condition()
    {
        Assert.Empty(Validate(Gateway("exclusiveGateway", Cond, string.Empty, "default=\"F2\"")));
    }

    [Fact]
    public void Default_flow_with_a_condition_warns()
    {
        Expect(Validate(Gateway("exclusiveGateway", Cond, Cond, "default=\"F2\"")), "F2", ValidationCodes.DefaultFlowCondition, ProblemSeverity.Warning);
    }

    [Fact]
    public void Condition_after_parallel_gateway_is_ignored_with_a_warning()
    {
        Expect(Validate(Gateway("parallelGateway", Cond, string.Empty)), "F1", ValidationCodes.ConditionIgnored, ProblemSeverity.Warning);
    }

    [Fact]
    public void Event_based_gateway_followed_by_a_task()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" /><bpmn:eventBasedGateway id="G" />
            <bpmn:intermediateCatchEvent id="Timer"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Task" orc:assignee="ana" /><bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G" /><bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="Timer" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="Task" /><bpmn:sequenceFlow id="F3" sourceRef="Timer" targetRef="E" /><bpmn:sequenceFlow id="F4" sourceRef="Task" targetRef="E" />
            """);
        var problems = Validate(xml);
        Expect(problems, "Task", ValidationCodes.EventGatewayTarget);
        Assert.DoesNotContain(problems, p => p.ElementId == "Timer");
    }

    [Fact]
    public void Boundary_event_on_an_event_sub_process()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" /><bpmn:endEvent id="E" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
            <bpmn:subProcess id="Esp" triggeredByEvent="true">
              <bpmn:startEvent id="EspStart"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:endEvent id="EspEnd" /><bpmn:sequenceFlow id="EF" sourceRef="EspStart" targetRef="EspEnd" /></bpmn:subProcess>
            <bpmn:boundaryEvent id="B" attachedToRef="Esp"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="FB" sourceRef="B" targetRef="E" />
            """);
        Expect(Validate(xml), "B", ValidationCodes.BoundaryInvalidAttachment);
    }

    // ------------------------------------------------------------ FEEL

    [Theory]
    [InlineData("""<bpmn:scriptTask id="X" scriptFormat="feel"><bpmn:script>= 1 +</bpmn:script></bpmn:scriptTask>""", "Script of 'X'")]
    [InlineData("""<bpmn:userTask id="X" orc:assignee="=(ana" />""", "Attribute assignee of 'X'")]
    [InlineData("""<bpmn:serviceTask id="X" orc:type="t"><bpmn:extensionElements><orc:input target="a" source="=[1, 2" /></bpmn:extensionElements></bpmn:serviceTask>""", "Input mapping 'a'")]
    [InlineData("""<bpmn:serviceTask id="X" orc:type="t"><bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="b">= x &gt;</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>""", "Output mapping 'b'")]
    [InlineData("""<bpmn:userTask id="X" orc:assignee="ana"><bpmn:multiInstanceLoopCharacteristics orc:collection="=items[" /></bpmn:userTask>""", "Collection")]
    [InlineData("""<bpmn:userTask id="X" orc:assignee="ana"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3 *</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>""", "Loop cardinality")]
    [InlineData("""<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:timeDuration>= duration(</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""", "Timer of 'X'")]
    [InlineData("""<bpmn:callActivity id="X" calledElement="=(name" />""", "Called element")]
    public void Expressions_that_do_not_parse_as_FEEL(string element, string what)
    {
        var problem = Expect(Validate(Around(element, "X")), "X", ValidationCodes.FeelSyntax);
        Assert.Contains(what, problem.Message, StringComparison.Ordinal);
        Assert.Matches("line \\d+, column \\d+", problem.Message);
    }

    [Fact]
    public void Condition_that_does_not_parse_as_FEEL()
    {
        var problem = Expect(Validate(Gateway("exclusiveGateway", "<bpmn:conditionExpression>x &gt;</bpmn:conditionExpression>", string.Empty, "default=\"F2\"")),
            "F1", ValidationCodes.FeelSyntax);
        Assert.Contains("line 1, column", problem.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------ timers

    [Fact]
    public void Timer_without_value()
    {
        Expect(Validate(Around("""<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>""", "X")), "X", ValidationCodes.TimerMissing);
    }

    [Theory]
    [InlineData("timeDuration", "5 days")]
    [InlineData("timeDuration", "P5")]
    [InlineData("timeDate", "31/01/2026")]
    [InlineData("timeCycle", "0 0 9 * * ?")]
    [InlineData("timeCycle", "P14D")]
    public void Timer_value_that_is_neither_FEEL_nor_ISO_8601(string kind, string value)
    {
        var problem = Expect(Validate(Around($"""<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""", "X")),
            "X", ValidationCodes.InvalidTimer);
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeDuration", "P45D")]
    [InlineData("timeDuration", "PT24H")]
    [InlineData("timeDate", "2026-03-01T09:00:00Z")]
    [InlineData("timeCycle", "R/P14D")]
    [InlineData("timeCycle", "R3/PT24H")]
    [InlineData("timeCycle", "R3/2026-01-01T09:00:00Z/P1D")]
    [InlineData("timeDuration", "= duration(\"P\" + string(days) + \"D\")")]
    public void Valid_timer_values(string kind, string value)
    {
        var problems = Validate(Around($"""<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:{kind}>{value.Replace("\"", "&quot;", StringComparison.Ordinal)}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""", "X"));
        Assert.Empty(problems);
    }

    [Fact]
    public void User_task_due_date_that_is_no_date()
    {
        Expect(Validate(Around("""<bpmn:userTask id="X" orc:assignee="ana" orc:dueDate="next week" />""", "X")), "X", ValidationCodes.InvalidDate);
    }

    // ------------------------------------------------------------ messages, errors, escalations

    [Theory]
    [InlineData("""<bpmn:receiveTask id="X" />""")]
    [InlineData("""<bpmn:intermediateCatchEvent id="X"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>""")]
    public void Message_catch_without_message(string element)
    {
        Expect(Validate(Around(element, "X")), "X", ValidationCodes.MessageMissing);
    }

    [Fact]
    public void Message_boundary_without_message()
    {
        var xml = Around("""
            <bpmn:userTask id="T" orc:assignee="ana" />
            <bpmn:boundaryEvent id="X" attachedToRef="T"><bpmn:messageEventDefinition /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="FB" sourceRef="X" targetRef="End" />
            """, "T");
        Expect(Validate(xml), "X", ValidationCodes.MessageMissing);
    }

    [Fact]
    public void Message_start_without_message()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" /><bpmn:startEvent id="X"><bpmn:messageEventDefinition /></bpmn:startEvent><bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="E" /><bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="E" />
            """);
        Expect(Validate(xml), "X", ValidationCodes.MessageMissing);
    }

    [Fact]
    public void Message_without_name()
    {
        Expect(Validate(Around("""<bpmn:receiveTask id="X" messageRef="M" orc:correlationKey="=caseId" />""", "X", """<bpmn:message id="M" />""")), "X", ValidationCodes.MessageNameMissing);
    }

    [Fact]
    public void Message_catch_without_correlation_key_warns()
    {
        Expect(Validate(Around("""<bpmn:receiveTask id="X" messageRef="M" />""", "X", Message("M", "answer"))), "X", ValidationCodes.CorrelationKeyMissing, ProblemSeverity.Warning);
    }

    [Fact]
    public void Correlation_key_on_the_message_is_enough()
    {
        var problems = Validate(Around("""<bpmn:receiveTask id="X" messageRef="M" />""", "X", """<bpmn:message id="M" name="answer" orc:correlationKey="=caseId" />"""));
        Assert.Empty(problems);
    }

    [Fact]
    public void Error_end_event_without_error()
    {
        Expect(Validate(Process("""<bpmn:startEvent id="S" /><bpmn:endEvent id="X"><bpmn:errorEventDefinition /></bpmn:endEvent><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="X" />""")),
            "X", ValidationCodes.ErrorMissing);
    }

    [Fact]
    public void Escalation_end_event_without_escalation()
    {
        Expect(Validate(Process("""<bpmn:startEvent id="S" /><bpmn:endEvent id="X"><bpmn:escalationEventDefinition /></bpmn:endEvent><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="X" />""")),
            "X", ValidationCodes.EscalationMissing);
    }

    // ------------------------------------------------------------ activities

    [Fact]
    public void Call_activity_without_called_element()
    {
        Expect(Validate(Around("""<bpmn:callActivity id="X" />""", "X")), "X", ValidationCodes.CalledElementMissing);
    }

    [Fact]
    public void Call_activity_to_a_process_not_in_the_files_warns()
    {
        Expect(Validate(Around("""<bpmn:callActivity id="X" calledElement="Elsewhere" />""", "X")), "X", ValidationCodes.CalledProcessUnknown, ProblemSeverity.Warning);
    }

    [Fact]
    public void Call_activity_resolves_across_files()
    {
        var parent = BpmnParser.Parse(Around("""<bpmn:callActivity id="X" calledElement="Child" />""", "X"), "parent.bpmn").Definitions!;
        var child = BpmnParser.Parse(Process("<bpmn:startEvent id=\"S\" /><bpmn:endEvent id=\"E\" /><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\" />", processId: "Child"), "child.bpmn").Definitions!;
        Assert.Empty(BpmnValidator.Validate([parent, child], Feel));
    }

    [Fact]
    public void Multi_instance_without_collection_or_cardinality()
    {
        Expect(Validate(Around("""<bpmn:userTask id="X" orc:assignee="ana"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>""", "X")), "X", ValidationCodes.MultiInstanceInput);
    }

    [Fact]
    public void Element_variable_without_collection()
    {
        var xml = Around("""<bpmn:userTask id="X" orc:assignee="ana"><bpmn:multiInstanceLoopCharacteristics camunda:elementVariable="item"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>""", "X");
        Expect(Validate(xml), "X", ValidationCodes.MultiInstanceVariable);
    }

    [Fact]
    public void User_task_nobody_can_see_warns()
    {
        Expect(Validate(Around("""<bpmn:userTask id="X" />""", "X")), "X", ValidationCodes.UserTaskUnassigned, ProblemSeverity.Warning);
    }

    [Fact]
    public void Service_task_without_type()
    {
        Expect(Validate(Around("""<bpmn:serviceTask id="X" />""", "X")), "X", ValidationCodes.ServiceTaskTypeMissing);
    }

    [Fact]
    public void Send_task_without_template()
    {
        Expect(Validate(Around("""<bpmn:sendTask id="X" orc:to="=email" />""", "X")), "X", ValidationCodes.SendTaskTemplateMissing);
    }

    [Fact]
    public void Send_task_without_recipient_warns()
    {
        Expect(Validate(Around("""<bpmn:sendTask id="X" orc:template="welcome" />""", "X")), "X", ValidationCodes.SendTaskRecipientMissing, ProblemSeverity.Warning);
    }

    [Fact]
    public void Script_task_without_script()
    {
        Expect(Validate(Around("""<bpmn:scriptTask id="X" scriptFormat="feel" />""", "X")), "X", ValidationCodes.ScriptMissing);
    }

    [Fact]
    public void Non_executable_processes_beside_executable_ones_are_not_checked()
    {
        var xml = Process("<bpmn:startEvent id=\"S\" /><bpmn:endEvent id=\"E\" /><bpmn:sequenceFlow id=\"F\" sourceRef=\"S\" targetRef=\"E\" />",
            rootElements: "<bpmn:process id=\"Docs\" isExecutable=\"false\"><bpmn:task id=\"T\" /></bpmn:process>");
        Assert.Empty(Validate(xml));
    }

    [Fact]
    public void File_with_only_non_executable_processes_is_checked_in_full()
    {
        var xml = Process("<bpmn:task id=\"T\" />").Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal);
        var problems = Validate(xml);
        Expect(problems, BpmnProblem.FileLevel, ValidationCodes.NoExecutableProcess, ProblemSeverity.Warning);
        Expect(problems, "P", ValidationCodes.NoStartEvent);
    }

    [Fact]
    public void New_bpmn_js_diagram_is_valid_but_warns_that_it_is_not_executable()
    {
        var parsed = Parse("Parsing", "bpmn-js-modeler.bpmn");
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        Assert.True(parsed.Definitions!.HasDiagram);
        var problems = BpmnValidator.Validate([parsed.Definitions], Feel);
        Assert.Equal(
            [(BpmnProblem.FileLevel, ValidationCodes.NoExecutableProcess), ("Task_Remind", ValidationCodes.MissingOutgoing)],
            problems.Select(p => (p.ElementId, p.Code)));
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        var process = parsed.Definitions.Processes[0];
        Assert.Equal("urgency = \"high\"", ((SequenceFlow)process.AllElements["Flow_Urgent"]).Condition);
        Assert.Equal("Flow_Normal", ((ExclusiveGateway)process.AllElements["Gateway_Urgent"]).Default!.Id);
        Assert.Equal("notifyOnCall", ((ServiceTask)process.AllElements["Task_Notify"]).Type);
        Assert.Equal(new TimerEventDefinition(TimerKind.Cycle, new ValueExpression("R3/P1D", false)), ((BoundaryEvent)process.AllElements["Timer_Reminder"]).Definition);
    }
}
