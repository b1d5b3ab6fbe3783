using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;
using static Orchestrator.Engine.Tests.Parsing.BpmnFixtures;

namespace Orchestrator.Engine.Tests.Validation;

public class BpmnValidatorStructureTests
{
    private static readonly FeelEngine Feel = new();

    [Fact]
    public void Pools_lanes_and_message_flows_as_bpmn_js_draws_them()
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions {Namespaces} id="Defs" targetNamespace="urn:test">
              <bpmn:collaboration id="Collaboration_1">
                <bpmn:participant id="Participant_Agency" name="Agency" processRef="Agency" />
                <bpmn:participant id="Participant_Consulate" name="Consulate" />
                <bpmn:messageFlow id="MessageFlow_1" sourceRef="Participant_Consulate" targetRef="Wait" />
              </bpmn:collaboration>
              <bpmn:process id="Agency" isExecutable="true">
                <bpmn:laneSet id="LaneSet_1">
                  <bpmn:lane id="Lane_Social" name="Social worker"><bpmn:flowNodeRef>Start</bpmn:flowNodeRef><bpmn:flowNodeRef>Wait</bpmn:flowNodeRef></bpmn:lane>
                  <bpmn:lane id="Lane_Lawyer" name="Lawyer"><bpmn:flowNodeRef>End</bpmn:flowNodeRef></bpmn:lane>
                </bpmn:laneSet>
                <bpmn:startEvent id="Start" />
                <bpmn:receiveTask id="Wait" messageRef="M" orc:correlationKey="=caseId" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
                <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
                <bpmn:textAnnotation id="Note"><bpmn:text>Consulate answers by email</bpmn:text></bpmn:textAnnotation>
                <bpmn:association id="Assoc" sourceRef="Wait" targetRef="Note" />
                <bpmn:dataObjectReference id="DataRef" dataObjectRef="Data" />
                <bpmn:dataObject id="Data" />
              </bpmn:process>
              <bpmn:message id="M" name="answer" />
            </bpmn:definitions>
            """;
        var parsed = BpmnParser.Parse(xml, "pools.bpmn");
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        Assert.Empty(parsed.Problems);
        Assert.Empty(BpmnValidator.Validate([parsed.Definitions!], Feel));
    }

    [Fact]
    public void Event_sub_process_inside_a_sub_process_is_reachable()
    {
        var xml = Around("""
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" /><bpmn:endEvent id="SubEnd" /><bpmn:sequenceFlow id="SF" sourceRef="SubStart" targetRef="SubEnd" />
              <bpmn:subProcess id="Esp" triggeredByEvent="true">
                <bpmn:startEvent id="EspStart"><bpmn:escalationEventDefinition /></bpmn:startEvent>
                <bpmn:endEvent id="EspEnd" /><bpmn:sequenceFlow id="EF" sourceRef="EspStart" targetRef="EspEnd" />
              </bpmn:subProcess>
            </bpmn:subProcess>
            """, "Sub");
        var parsed = BpmnParser.Parse(xml, "nested.bpmn");
        var sub = (SubProcess)parsed.Definitions!.Processes[0].AllElements["Sub"];
        Assert.Equal("Esp", Assert.Single(sub.Body.EventSubProcesses).Id);
        Assert.Same(sub, parsed.Definitions.Processes[0].AllElements["EspStart"].Parent!.Parent);
        Assert.Empty(BpmnValidator.Validate([parsed.Definitions], Feel));
    }
}
