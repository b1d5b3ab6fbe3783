using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using static Orchestrator.Engine.Tests.Parsing.BpmnFixtures;

namespace Orchestrator.Engine.Tests.Parsing;

public class BpmnParserTests
{
    private static T Node<T>(ProcessDefinition process, string id)
        where T : FlowElement => Assert.IsAssignableFrom<T>(process.AllElements[id]);

    [Fact]
    public void Camunda_Modeler_7_file_parses_into_the_full_model()
    {
        var result = Parse("Parsing", "camunda7-modeler.bpmn");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var defs = result.Definitions!;
        Assert.True(defs.HasDiagram);
        Assert.Equal("Definitions_1x2y3z4", defs.Id);
        var process = Assert.Single(defs.Processes);
        Assert.Equal("FirstReception", process.Id);
        Assert.Equal("First reception", process.Name);
        Assert.True(process.IsExecutable);
        Assert.Same(defs, process.Definitions);

        var intake = Node<UserTask>(process, "Activity_Intake");
        Assert.Equal(new ValueExpression("caseworker", true), intake.Assignee);
        Assert.Equal(new ValueExpression("social-worker, coordinator", false), intake.CandidateGroups);
        Assert.Equal("P2D", intake.DueDate!.Text);
        Assert.Equal("P1D", intake.FollowUpDate!.Text);
        Assert.Equal("80", intake.Priority!.Text);
        Assert.Equal("intake", intake.FormKey!.Text);
        Assert.Equal("intake", intake.Extensions["formKey"]);
        Assert.Equal(
            [
                new VariableMapping("shelter", "\"Casa Abierta\""),
                new VariableMapping("ageNextYear", "age + 1"),
                new VariableMapping("languages", "[\"es\", \"en\"]"),
                new VariableMapping("contact", "{\"phone\": \"112\", \"office\": office}"),
            ],
            intake.Inputs);
        Assert.Equal([new VariableMapping("riskLevel", "risk")], intake.Outputs);
        Assert.Same(process, intake.Process);
        Assert.Null(intake.Parent);

        var gateway = Node<ExclusiveGateway>(process, "Gateway_Risk");
        Assert.Equal("Flow_Low", gateway.Default!.Id);
        Assert.True(gateway.Default.IsDefault);
        Assert.Equal(["Flow_High", "Flow_Low"], gateway.Outgoing.Select(f => f.Id));
        var high = Node<SequenceFlow>(process, "Flow_High");
        Assert.Equal("riskLevel = \"high\"", high.Condition);
        Assert.Same(gateway, high.Source);
        Assert.Equal("Activity_FamilyTracing", high.Target.Id);
        Assert.Contains(high, high.Target.Incoming);

        var call = Node<CallActivity>(process, "Activity_FamilyTracing");
        Assert.Equal(new ValueExpression("FamilyTracing", false), call.CalledElement);
        Assert.Equal(CalledVersionBinding.Version, call.Binding);
        Assert.Equal(2, call.CalledVersion);
        Assert.Equal([new VariableMapping("childId", "childId")], call.InMappings);
        Assert.Equal([new VariableMapping("familyFound", "familyFound")], call.OutMappings);
        Assert.True(call.PassAllVariablesIn);
        Assert.False(call.PassAllVariablesOut);

        var receive = Node<ReceiveTask>(process, "Activity_ConsulateReply");
        Assert.Equal("consulateDecision", receive.Message!.Name);

        var evaluate = Node<UserTask>(process, "Activity_Evaluate");
        Assert.NotNull(evaluate.MultiInstance);
        Assert.False(evaluate.MultiInstance!.IsSequential);
        Assert.Equal("evaluators", evaluate.MultiInstance.Collection);
        Assert.Equal("evaluator", evaluate.MultiInstance.ElementVariable);
        Assert.Equal("count(evaluations) >= 2", evaluate.MultiInstance.CompletionCondition);
        Assert.Equal(2, evaluate.Incoming.Count);

        var lifePlan = Node<SubProcess>(process, "Activity_LifePlan");
        Assert.False(lifePlan.TriggeredByEvent);
        Assert.Equal("subProcess", lifePlan.Kind);
        Assert.Equal(["Event_LifePlanStart", "Activity_WritePlan", "Event_LifePlanEnd"], lifePlan.Body.Nodes.Select(n => n.Id));
        Assert.Equal("Event_LifePlanStart", Assert.Single(lifePlan.Body.StartEvents).Id);
        var writePlan = Node<UserTask>(process, "Activity_WritePlan");
        Assert.Same(lifePlan, writePlan.Parent);
        Assert.Same(process, writePlan.Process);
        Assert.Same(lifePlan, Node<SequenceFlow>(process, "Flow_0b1").Parent);

        Assert.Equal(["Event_Reminder", "Event_PlanRejected"], lifePlan.BoundaryEvents.Select(b => b.Id));
        var reminder = Node<BoundaryEvent>(process, "Event_Reminder");
        Assert.Same(lifePlan, reminder.AttachedTo);
        Assert.False(reminder.CancelActivity);
        Assert.Equal(new TimerEventDefinition(TimerKind.Cycle, new ValueExpression("R3/P2D", false)), reminder.Definition);
        var rejected = Node<BoundaryEvent>(process, "Event_PlanRejected");
        Assert.True(rejected.CancelActivity);
        Assert.Equal("PLAN_REJECTED", Assert.IsType<ErrorEventDefinition>(rejected.Definition).Error!.ErrorCode);
        Assert.IsType<TerminateEventDefinition>(Node<EndEvent>(process, "Event_Rejected").Definition);

        var eventSub = Node<SubProcess>(process, "Activity_LeftShelter");
        Assert.True(eventSub.TriggeredByEvent);
        Assert.Equal("eventSubProcess", eventSub.Kind);
        Assert.Equal([eventSub], process.Body.EventSubProcesses);
        Assert.Contains(eventSub, process.Body.Nodes);
        var leftStart = Assert.Single(eventSub.Body.StartEvents);
        Assert.False(leftStart.IsInterrupting);
        Assert.Equal("childLeftShelter", Assert.IsType<MessageEventDefinition>(leftStart.Definition).Message!.Name);

        Assert.Equal(["StartEvent_1"], process.Body.StartEvents.Select(s => s.Id));
        Assert.Equal(2, defs.Messages.Count);
        Assert.Equal("PLAN_REJECTED", defs.Errors["Error_PlanRejected"].ErrorCode);
        // every node and flow at every level
        Assert.Equal(process.Body.Nodes.Count + process.Body.Flows.Count + 3 + 2 + 3 + 2, process.AllElements.Count);
    }

    [Fact]
    public void Orchestrator_dialect_file_parses_orc_attributes()
    {
        var result = Parse("Parsing", "orc-journey.bpmn");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var defs = result.Definitions!;
        Assert.Equal(["AssistedReturn", "OrganiseTravel", "WeeklyTeamMeeting"], defs.Processes.Select(p => p.Id));
        var process = defs.Processes[0];

        var script = Node<ScriptTask>(process, "Script_Score");
        Assert.Equal("if age < 16 then 2 else 1", script.Script);
        Assert.Equal("score", script.ResultVariable);

        var service = Node<ServiceTask>(process, "Service_Record");
        Assert.Equal("recordCase", service.Type);
        Assert.Equal(5, service.Retries);
        Assert.Equal([new VariableMapping("caseId", "case.id"), new VariableMapping("kind", "\"return\"")], service.Inputs);
        Assert.Equal([new VariableMapping("recorded", "true")], service.Outputs);
        var escalated = Assert.Single(service.BoundaryEvents);
        Assert.Equal("LATE", Assert.IsType<EscalationEventDefinition>(escalated.Definition).Escalation!.EscalationCode);

        var send = Node<SendTask>(process, "Send_Consulate");
        Assert.Equal(new ValueExpression("consulate-request", false), send.Template);
        Assert.Equal(new ValueExpression("consulate.email", true), send.To);
        Assert.Equal(new ValueExpression("consulate.language", true), send.Language);
        Assert.Null(send.Type);
        Assert.Equal(3, send.Retries);

        var lawyer = Node<UserTask>(process, "Task_Lawyer");
        Assert.Equal(new ValueExpression("now() + duration(\"P5D\")", true), lawyer.DueDate);

        var split = Node<InclusiveGateway>(process, "Split");
        Assert.Equal("Flow_Split_Consulate", split.Default!.Id);
        Assert.IsType<EventBasedGateway>(process.AllElements["Wait"]);

        var answer = Node<IntermediateCatchEvent>(process, "Catch_Answer");
        var message = Assert.IsType<MessageEventDefinition>(answer.Definition);
        Assert.Equal("consulateAnswer", message.Message!.Name);
        Assert.Equal(new ValueExpression("case.id", true), message.CorrelationKey);
        var timeout = Node<IntermediateCatchEvent>(process, "Catch_Timeout");
        Assert.Equal(new TimerEventDefinition(TimerKind.Duration, new ValueExpression("P45D", false)), timeout.Definition);

        var call = Node<CallActivity>(process, "Call_Travel");
        Assert.Equal("OrganiseTravel", call.CalledElement.Text);
        Assert.Equal(CalledVersionBinding.Latest, call.Binding);
        Assert.Equal([new VariableMapping("caseId", "case.id"), new VariableMapping("destination", "destination")], call.InMappings);
        Assert.True(call.PassAllVariablesOut);
        Assert.False(call.PassAllVariablesIn);

        var errorEnd = Node<EndEvent>(process, "End_NoAnswer");
        Assert.Equal("NO_ANSWER", Assert.IsType<ErrorEventDefinition>(errorEnd.Definition).Error!.ErrorCode);

        var meetingStart = Assert.Single(defs.Processes[2].Body.StartEvents);
        Assert.Equal(new TimerEventDefinition(TimerKind.Cycle, new ValueExpression("R/2026-01-05T09:00:00Z/P7D", false)), meetingStart.Definition);
    }

    [Fact]
    public void Camunda_8_zeebe_file_reads_the_obvious_extensions_and_reports_the_rest()
    {
        var result = Parse("Parsing", "camunda8-zeebe.bpmn");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var warning = Assert.Single(result.Problems);
        Assert.Equal(("Task_Register", "unsupported-extension", ProblemSeverity.Warning), (warning.ElementId, warning.Code, warning.Severity));
        Assert.Contains("zeebe:taskHeaders", warning.Message, StringComparison.Ordinal);

        var process = Assert.Single(result.Definitions!.Processes);
        var register = Node<ServiceTask>(process, "Task_Register");
        Assert.Equal("registerFamily", register.Type);
        Assert.Equal(5, register.Retries);
        Assert.Equal([new VariableMapping("familyId", "family.id")], register.Inputs);
        Assert.Equal([new VariableMapping("familyRegistered", "registered")], register.Outputs);

        var evaluate = Node<UserTask>(process, "Task_Evaluate");
        Assert.Equal("lawyer, psychologist", evaluate.CandidateGroups!.Text);
        Assert.True(evaluate.DueDate!.IsFeel);
        Assert.Equal("evaluation", evaluate.FormKey!.Text);
        Assert.Equal("evaluators", evaluate.MultiInstance!.Collection);
        Assert.Equal("evaluator", evaluate.MultiInstance.ElementVariable);
        Assert.Equal("evaluations", evaluate.MultiInstance.OutputCollection);
        Assert.Equal("evaluation", evaluate.MultiInstance.OutputElement);

        var score = Node<ScriptTask>(process, "Task_Score");
        Assert.Equal("count(evaluations[approved])", score.Script);
        Assert.Equal("approvals", score.ResultVariable);

        var call = Node<CallActivity>(process, "Call_Placement");
        Assert.Equal("Placement", call.CalledElement.Text);
        Assert.True(call.PassAllVariablesIn);
        Assert.False(call.PassAllVariablesOut);

        var wait = Node<ReceiveTask>(process, "Task_WaitCourt");
        Assert.Equal(new ValueExpression("caseId", true), wait.CorrelationKey);
    }

    [Fact]
    public void File_without_diagram_layout_parses()
    {
        var result = Parse("Parsing", "no-diagram.bpmn");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.False(result.Definitions!.HasDiagram);
        Assert.Equal(3, result.Definitions.Processes[0].Body.Nodes.Count);
    }

    [Fact]
    public void Camunda_7_file_with_Java_and_JUEL_reports_each_element()
    {
        var result = Parse("Parsing", "camunda7-java.bpmn");
        Assert.False(result.Succeeded);
        var found = result.Problems.Select(p => (p.ElementId, p.Code)).ToHashSet();
        Assert.Contains(("Task_Class", "java-required"), found);
        Assert.Contains(("Task_Delegate", "java-required"), found);
        Assert.Contains(("Task_Expression", "java-required"), found);
        Assert.Contains(("Task_External", "unsupported-attribute"), found);
        Assert.Contains(("Task_Groovy", "unsupported-script-format"), found);
        Assert.Contains(("Task_Listener", "unsupported-extension"), found);
        Assert.Contains(("Task_Listener", "juel-expression"), found);
        Assert.Contains(("Flow_Yes", "juel-expression"), found);
        Assert.All(result.Problems, p => Assert.Equal("camunda7-java.bpmn", p.File));
        var classProblem = result.Problems.First(p => p.ElementId == "Task_Class");
        Assert.Contains("camunda:class", classProblem.Message, StringComparison.Ordinal);
        Assert.Contains("orc:type=\"record-case\"", result.Problems.First(p => p.ElementId == "Task_External").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Complex", "Complex gateway")]
    [InlineData("SignalCatch", "Signal events")]
    [InlineData("ConditionalCatch", "Conditional events")]
    [InlineData("LinkThrow", "Link events")]
    [InlineData("LinkCatch", "Link events")]
    [InlineData("Transaction", "Transaction")]
    [InlineData("AdHoc", "Ad-hoc")]
    [InlineData("Rules", "DMN")]
    [InlineData("Looping", "loop")]
    [InlineData("CompensationBoundary", "Compensation")]
    [InlineData("Undo", "compensation")]
    public void Unsupported_elements_are_errors_naming_the_element(string id, string says)
    {
        var result = Parse("Parsing", "unsupported.bpmn");
        var problem = Assert.Single(result.Problems, p => p.ElementId == id);
        Assert.Equal("unsupported-element", problem.Code);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stream_and_string_give_the_same_model()
    {
        var text = Read("Parsing", "orc-journey.bpmn");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var fromStream = BpmnParser.Parse(stream, "orc-journey.bpmn");
        var fromString = BpmnParser.Parse(text, "orc-journey.bpmn");
        Assert.True(fromStream.Succeeded);
        Assert.Equal(
            fromString.Definitions!.Processes.SelectMany(p => p.AllElements.Keys),
            fromStream.Definitions!.Processes.SelectMany(p => p.AllElements.Keys));
    }

    [Fact]
    public void Null_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => BpmnParser.Parse((string)null!, "x"));
        Assert.Throws<ArgumentNullException>(() => BpmnParser.Parse("<x/>", null!));
        Assert.Throws<ArgumentNullException>(() => BpmnParser.Parse((Stream)null!, "x"));
    }

    [Fact]
    public void Duplicate_ids_are_reported_once_with_both_lines()
    {
        var result = BpmnParser.Parse(Around("""<bpmn:task id="T" /><bpmn:task id="T" />""", "T"), "dup.bpmn");
        var problem = Assert.Single(result.Problems, p => p.Code == "duplicate-id");
        Assert.Equal(("dup.bpmn", "T"), (problem.File, problem.ElementId));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Condition_is_FEEL_with_or_without_leading_equals()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" />
            <bpmn:exclusiveGateway id="G" />
            <bpmn:endEvent id="E1" /><bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="E1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E2"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[x <= 1]]></bpmn:conditionExpression></bpmn:sequenceFlow>
            """);
        var process = BpmnParser.Parse(xml, "c.bpmn").Definitions!.Processes[0];
        Assert.Equal("x > 1", ((SequenceFlow)process.AllElements["F1"]).Condition);
        Assert.Equal("x <= 1", ((SequenceFlow)process.AllElements["F2"]).Condition);
        Assert.Null(((SequenceFlow)process.AllElements["F0"]).Condition);
    }

    [Fact]
    public void Process_without_isExecutable_is_executable_like_in_Camunda_7()
    {
        var xml = Process("<bpmn:startEvent id=\"S\" />").Replace(" isExecutable=\"true\"", string.Empty, StringComparison.Ordinal);
        Assert.True(BpmnParser.Parse(xml, "x.bpmn").Definitions!.Processes[0].IsExecutable);
        var no = Process("<bpmn:startEvent id=\"S\" />").Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal);
        Assert.False(BpmnParser.Parse(no, "x.bpmn").Definitions!.Processes[0].IsExecutable);
    }

    [Theory]
    [InlineData("""<bpmn:sequenceFlow id="Bad" sourceRef="Start" targetRef="Nowhere" />""", "Bad", "invalid-sequence-flow")]
    [InlineData("""<bpmn:boundaryEvent id="B" attachedToRef="Missing"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""", "B", "boundary-not-attached")]
    [InlineData("""<bpmn:boundaryEvent id="B" attachedToRef="End"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""", "B", "boundary-invalid-attachment")]
    [InlineData("""<bpmn:receiveTask id="R" messageRef="NoSuchMessage" />""", "R", "unresolved-reference")]
    [InlineData("""<bpmn:serviceTask id="S" orc:type="x" orc:retries="many" />""", "S", "invalid-attribute")]
    [InlineData("""<bpmn:parallelGateway id="PG" default="F_out" />""", "PG", "invalid-default-flow")]
    [InlineData("""<bpmn:userTask id="U"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:userTask>""", "U", "unsupported-extension")]
    [InlineData("""<bpmn:scriptTask id="ST" camunda:resource="deployment://score.groovy" />""", "ST", "unsupported-attribute")]
    [InlineData("""<bpmn:callActivity id="CA" calledElement="X" camunda:calledElementBinding="versionTag" />""", "CA", "unsupported-attribute")]
    [InlineData("""<bpmn:task id="T"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a"><camunda:script scriptFormat="groovy" resource="a.groovy" /></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>""", "T", "unsupported-attribute")]
    [InlineData("""<bpmn:task id="T"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a"><camunda:script scriptFormat="javascript">1+1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>""", "T", "unsupported-script-format")]
    [InlineData("""<bpmn:task id="T"><bpmn:extensionElements><camunda:executionListener event="start" expression="${x.y()}" /></bpmn:extensionElements></bpmn:task>""", "T", "unsupported-extension")]
    [InlineData("""<bpmn:callActivity id="CA" calledElement="X"><bpmn:extensionElements><camunda:in businessKey="#{execution.processBusinessKey}" /></bpmn:extensionElements></bpmn:callActivity>""", "CA", "juel-expression")]
    [InlineData("""<bpmn:userTask id="U"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${3}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>""", "U", "juel-expression")]
    [InlineData("""<bpmn:serviceTask id="S" camunda:class="x.Y" />""", "S", "java-required")]
    [InlineData("""<bpmn:callActivity id="CA" calledElement="X" camunda:variableMappingClass="x.Y" />""", "CA", "java-required")]
    [InlineData("""<bpmn:sequenceFlow id="Cond" sourceRef="Start" targetRef="End"><bpmn:conditionExpression language="javascript">a == 1</bpmn:conditionExpression></bpmn:sequenceFlow>""", "Cond", "unsupported-script-format")]
    [InlineData("""<bpmn:eventBasedGateway id="EG" instantiate="true" />""", "EG", "unsupported-element")]
    [InlineData("""<bpmn:startEvent id="Sig"><bpmn:signalEventDefinition /></bpmn:startEvent>""", "Sig", "unsupported-element")]
    [InlineData("""<bpmn:endEvent id="Comp"><bpmn:compensateEventDefinition /></bpmn:endEvent>""", "Comp", "unsupported-element")]
    [InlineData("""<bpmn:intermediateThrowEvent id="Cancel"><bpmn:cancelEventDefinition /></bpmn:intermediateThrowEvent>""", "Cancel", "unsupported-element")]
    [InlineData("""<bpmn:task id="T"><bpmn:extensionElements><zeebe:taskHeaders /></bpmn:extensionElements></bpmn:task>""", "T", "unsupported-extension")]
    [InlineData("""<bpmn:weirdTask id="W" />""", "W", "unknown-element")]
    [InlineData("""<bpmn:serviceTask id="S"><bpmn:extensionElements><zeebe:taskDefinition type="x" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:serviceTask>""", "S", "unsupported-extension")]
    [InlineData("""<bpmn:serviceTask id="S"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>""", "S", "unsupported-extension")]
    [InlineData("""<bpmn:intermediateCatchEvent id="M"><bpmn:timerEventDefinition /><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>""", "M", "unsupported-element")]
    public void Structural_problems_are_reported_on_the_element(string element, string id, string code)
    {
        var result = BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="Start" /><bpmn:endEvent id="End" />
            {element}
            """), "s.bpmn");
        Assert.NotNull(result.Definitions);
        Assert.Contains(result.Problems, p => p.File == "s.bpmn" && p.ElementId == id && p.Code == code);
    }

    [Fact]
    public void Sequence_flow_may_not_cross_a_sub_process_boundary()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" />
            <bpmn:subProcess id="Sub"><bpmn:startEvent id="SubStart" /><bpmn:sequenceFlow id="Cross" sourceRef="SubStart" targetRef="E" /></bpmn:subProcess>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub" />
            <bpmn:sequenceFlow id="Cross2" sourceRef="Sub" targetRef="SubStart" />
            """);
        var result = BpmnParser.Parse(xml, "x.bpmn");
        Assert.Contains(result.Problems, p => p.ElementId == "Cross" && p.Code == "invalid-sequence-flow");
        Assert.Contains(result.Problems, p => p.ElementId == "Cross2" && p.Code == "invalid-sequence-flow");
    }

    [Fact]
    public void Every_orc_and_camunda_attribute_lands_in_Extensions()
    {
        var xml = Around("""<bpmn:userTask id="U" orc:assignee="ana" camunda:candidateGroups="lawyer" camunda:asyncBefore="true" orc:custom="x" />""", "U");
        var task = (UserTask)BpmnParser.Parse(xml, "e.bpmn").Definitions!.Processes[0].AllElements["U"];
        Assert.Equal("ana", task.Extensions["assignee"]);
        Assert.Equal("lawyer", task.Extensions["candidateGroups"]);
        Assert.Equal("true", task.Extensions["asyncBefore"]);
        Assert.Equal("x", task.Extensions["custom"]);
        Assert.Equal("ana", task.Assignee!.Text);
    }

    [Fact]
    public void Camunda_form_reference_is_the_form_key()
    {
        var xml = Around("""<bpmn:userTask id="U" camunda:formRef="intake-form" camunda:formRefBinding="latest" />""", "U");
        var task = (UserTask)BpmnParser.Parse(xml, "f.bpmn").Definitions!.Processes[0].AllElements["U"];
        Assert.Equal("intake-form", task.FormKey!.Text);
    }

    [Fact]
    public void Orc_attribute_wins_over_the_camunda_alias()
    {
        var xml = Around("""<bpmn:userTask id="U" orc:assignee="orc" camunda:assignee="camunda" />""", "U");
        var task = (UserTask)BpmnParser.Parse(xml, "e.bpmn").Definitions!.Processes[0].AllElements["U"];
        Assert.Equal("orc", task.Assignee!.Text);
    }

    [Fact]
    public void Unknown_elements_in_other_namespaces_are_ignored()
    {
        var xml = Around("""<bpmn:task id="T"><bpmn:extensionElements><foo:bar xmlns:foo="urn:other" x="1"/></bpmn:extensionElements></bpmn:task><foo:note xmlns:foo="urn:other" />""", "T");
        var result = BpmnParser.Parse(xml, "u.bpmn");
        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Default_namespace_and_other_prefixes_are_read_by_namespace()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:o="urn:orchestrator:bpmn:1.0" xmlns:c7="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="urn:x">
              <process id="P" isExecutable="true">
                <startEvent id="S" />
                <userTask id="U" o:candidateGroups="lawyer" c7:assignee="ana" />
                <endEvent id="E" />
                <sequenceFlow id="F1" sourceRef="S" targetRef="U" />
                <sequenceFlow id="F2" sourceRef="U" targetRef="E" />
              </process>
            </definitions>
            """;
        var result = BpmnParser.Parse(xml, "default-ns.bpmn");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var task = (UserTask)result.Definitions!.Processes[0].AllElements["U"];
        Assert.Equal("lawyer", task.CandidateGroups!.Text);
        Assert.Equal("ana", task.Assignee!.Text);
    }

    [Fact]
    public void Utf16_stream_with_BOM_parses()
    {
        var text = Read("Parsing", "family-tracing.bpmn").Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal);
        using var stream = new MemoryStream([.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]);
        var result = BpmnParser.Parse(stream, "utf16.bpmn");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }
}
