using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>
/// FEEL dates reach far beyond the years 1-9999 (DMN allows ±999,999,999), but a timer or a due date there is no
/// instant the host can keep: it is an incident at the element, never a due date in the wrong era.
/// </summary>
public sealed class ExtendedYearTests
{
    private const string Xml = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="D" targetNamespace="urn:t">
          <bpmn:process id="FarDue" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_Far" orc:candidateGroups="coordinator" orc:dueDate="=date(&quot;20000-01-01&quot;)" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Far" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Far" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void A_due_date_beyond_the_year_9999_is_an_incident_at_the_task()
    {
        var runtime = new InMemoryWorkflowRuntime(new InMemoryRuntimeOptions());
        runtime.Deploy(Xml, "far-due.bpmn");

        var id = runtime.StartInstance("FarDue");

        var incident = Assert.Single(runtime.Incidents);
        Assert.Equal((id, "Task_Far"), (incident.InstanceId, incident.ElementId));
        Assert.Contains("20000-01-01", incident.Message, StringComparison.Ordinal);
        Assert.Empty(runtime.OpenTasks(id));
    }
}
