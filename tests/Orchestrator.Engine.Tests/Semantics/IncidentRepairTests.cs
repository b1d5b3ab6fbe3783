using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Missing data is an incident (never a silent skip or a match with another case), and an operator can repair it.</summary>
public sealed class IncidentRepairTests
{
    [Fact]
    public void Missing_multi_instance_collection_is_repaired_by_setting_it_and_retrying() => Sim.Run(["multi-instance.bpmn"], rt =>
    {
        var id = rt.StartInstance("MiSequential");
        var incident = Assert.Single(rt.Incidents);
        Assert.Equal("Task_Review", incident.ElementId);
        Assert.Empty(rt.OpenTasks(id));
        rt.SetVariables(id, Sim.Vars("""{"documents":[{"name":"passport","owner":"legal"}]}"""), "operator");
        rt.RetryIncident(incident.Id);
        Assert.Empty(rt.Incidents);
        Assert.Equal(["legal"], Assert.Single(rt.OpenTasks(id)).CandidateGroups);
        Assert.Contains(rt.History, h => h.Type == HistoryEventType.VariableCreated && h.Name == "documents" && h.UserId == "operator");
    });

    [Fact]
    public void Missing_key_of_an_event_sub_process_start_is_an_incident_whose_retry_opens_the_subscription() => Sim.Run(["event-subprocesses.bpmn"], rt =>
    {
        var id = rt.StartInstance("EspRepeated");
        var incident = Assert.Single(rt.Incidents);
        Assert.Equal("Start_Document", incident.ElementId);
        rt.AssertActive(id, "Task_Care");
        Assert.Empty(rt.Subscriptions);
        Assert.Empty(rt.CorrelateMessage("documentArrived", "c-1"));

        rt.SetVariables(id, Sim.Vars("""{"caseId":"c-1"}"""));
        rt.RetryIncident(incident.Id);
        Assert.Empty(rt.Incidents);
        Assert.Equal([id], rt.CorrelateMessage("documentArrived", "c-1"));
        rt.AssertActive(id, "Task_Care", "Task_File");
    });

    [Fact]
    public void Throwing_a_message_whose_key_gives_nothing_is_an_incident() => Sim.Run(["messages.bpmn"], rt =>
    {
        var id = rt.StartInstance("MessageThrowKey");
        Assert.Equal("Throw_Request", Assert.Single(rt.Incidents).ElementId);
        rt.AssertActive(id, "Throw_Request");
        rt.SetVariables(id, Sim.Vars("""{"caseId":"c-3"}"""));
        rt.RetryIncident(Assert.Single(rt.Incidents).Id);
        rt.AssertActive(id, "Task_AfterThrow");
        Assert.Contains(rt.History, h => h.Type == HistoryEventType.MessageThrown && h.Detail == "c-3");
    });
}
