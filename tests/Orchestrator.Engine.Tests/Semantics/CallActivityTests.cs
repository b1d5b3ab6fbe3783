using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Messages per multi-instance item, and errors and escalations crossing call activities.</summary>
public sealed class CallActivityTests
{
    [Fact]
    public void Each_parallel_instance_gets_the_message_with_its_own_key_and_its_own_reply()
    {
        var report = Sim.Simulate("""
            { "process": "MiReceive", "variables": { "countries": [ { "code": "ES" }, { "code": "MA" } ] },
              "steps": [
                { "message": "embassyReply", "correlationKey": "MA", "variables": { "reply": "visa granted" } },
                { "expect": { "active": ["Receive_Embassy"] } },
                { "message": "embassyReply", "correlationKey": "MA", "variables": { "reply": "again" } },
                { "message": "embassyReply", "correlationKey": "ES", "variables": { "reply": "documents missing" } },
                { "expect": { "active": ["Task_Compare"], "variables": { "replies": ["documents missing", "visa granted"] } } }
              ] }
            """, "calls.bpmn");
        Assert.Equal(["step 3: message embassyReply (correlation key MA) was not correlated: nothing waits for it"], report.Failures);
        Assert.False(report.Variables.ContainsKey("reply"));
        Assert.False(report.Variables.ContainsKey("country"));
    }

    [Fact]
    public void An_interrupting_escalation_from_the_child_cancels_the_child_and_its_timers()
    {
        var report = Sim.Simulate("""
            { "process": "CallInterruptedByEscalation",
              "steps": [
                { "expect": { "tasks": [{ "id": "Task_Assess" }, { "id": "Task_Triage" }] } },
                { "advance": "P1D" },
                { "complete": "Task_Triage", "variables": { "urgent": true } },
                { "expect": { "active": ["Task_Emergency"], "tasks": [{ "id": "Task_Emergency" }] } },
                { "advance": "P10D" },
                { "complete": "Task_Emergency" },
                { "expect": { "ended": true } }
              ] }
            """, "calls.bpmn").Passes();
        Assert.Equal(1, report.Count("Assess_Reminder", "timer-fired"));
        Assert.Equal(1, report.Count("Task_Assess", "task-cancelled"));
    }

    [Fact]
    public void An_uncaught_error_in_the_child_reaches_the_parent_error_event_sub_process() => Sim.Run(["calls.bpmn"], rt =>
    {
        var id = rt.StartInstance("CallerWithErrorEsp");
        var child = Assert.Single(rt.InstanceIds, i => i != id);
        rt.CompleteTask(Assert.Single(rt.OpenTasks(child)).Id);
        Assert.Equal(InstanceStatus.Terminated, rt.GetInstance(child).Status);
        rt.AssertActive(id, "Task_Recover");
        Assert.Equal(["Task_Recover"], rt.OpenTasks().Select(t => t.ElementId));
        Assert.Empty(rt.Incidents);
        rt.CompleteTask(rt.OpenTasks()[0].Id);
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });
}
