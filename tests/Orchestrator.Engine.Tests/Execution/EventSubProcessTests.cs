using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

public class EventSubProcessTests
{
    [Fact]
    public void Escalation_event_sub_process_does_not_interrupt() => Run(["event-subprocesses.bpmn"], rt =>
    {
        var id = rt.StartInstance("EventSubProcesses");
        rt.Complete("Task_Work", Vars("""{"path":"warn"}"""));
        rt.AssertActive(id, "Task_AfterWarn", "Task_HandleWarning");
        rt.Complete("Task_HandleWarning");
        rt.Complete("Task_AfterWarn");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        Assert.Empty(rt.PendingTimers);
    });

    [Fact]
    public void Error_end_event_is_caught_by_the_error_event_sub_process() => Run(["event-subprocesses.bpmn"], rt =>
    {
        var id = rt.StartInstance("EventSubProcesses");
        rt.Complete("Task_Work", Vars("""{"path":"fatal"}"""));
        rt.AssertActive(id, "Task_HandleFatal");
        Assert.Empty(rt.PendingTimers);
        Assert.Empty(rt.Incidents);
        rt.Complete("Task_HandleFatal");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Timer_event_sub_process_interrupts_after_90_days() => Run(["event-subprocesses.bpmn"], rt =>
    {
        var id = rt.StartInstance("EventSubProcesses");
        rt.Advance(TimeSpan.FromDays(90));
        rt.AssertActive(id, "Task_Timeout");
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_Work"));
        rt.Complete("Task_Timeout");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Error_thrown_in_a_called_instance_reaches_the_call_activity_boundary() => Run(["call-child-error.bpmn"], rt =>
    {
        var parent = rt.StartInstance("ConsentJourney", Vars("""{"caseId":"c-3"}"""));
        var child = Assert.Single(rt.InstanceIds, i => i != parent);
        Assert.Equal("c-3", rt.Var(child, "caseId")!.GetValue<string>());
        rt.Complete("Task_AskConsent", Vars("""{"consent":false}"""), child);
        Assert.Equal(InstanceStatus.Terminated, rt.GetInstance(child).Status);
        rt.AssertActive(parent, "Task_AskCourt");
        Assert.Empty(rt.Incidents);
    });

    [Fact]
    public void Called_instance_variables_come_back_with_out_all() => Run(["call-child-error.bpmn"], rt =>
    {
        var parent = rt.StartInstance("ConsentJourney", Vars("""{"caseId":"c-3"}"""));
        rt.Complete("Task_AskConsent", Vars("""{"consent":true}"""), rt.InstanceIds[1]);
        rt.AssertActive(parent, "Task_Proceed");
        Assert.True(rt.Var(parent, "consent")!.GetValue<bool>());
    });

    [Fact]
    public void Escalation_from_a_called_child_reaches_the_call_activity_boundary() => Run(["call-escalation.bpmn"], rt =>
    {
        var parent = rt.StartInstance("Protection");
        var child = Assert.Single(rt.InstanceIds, i => i != parent);
        rt.AssertActive(parent, "Call_Visit", "Task_AlertCoordinator");
        rt.AssertActive(child, "Task_WriteReport");
        rt.Complete("Task_WriteReport", instanceId: child);
        rt.AssertActive(parent, "Task_AlertCoordinator");
        rt.Complete("Task_AlertCoordinator");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(parent).Status);
    });
}
