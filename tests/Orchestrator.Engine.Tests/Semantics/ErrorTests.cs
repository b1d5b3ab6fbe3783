namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Errors and escalations across scopes and instances.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void Error_from_a_nested_sub_process_cancels_both_scopes_with_their_tasks_and_timers()
    {
        var report = Sim.Simulate("""
            { "process": "NestedError", "variables": { "unsafe": true },
              "steps": [
                { "expect": { "active": ["Task_InnerWork", "Task_OuterWork", "Task_Visit"] } },
                { "advance": "P1D" },
                { "complete": "Task_Visit" },
                { "expect": { "active": ["Task_Protect"], "notCompleted": ["Sub_Inner", "Sub_Outer"] } },
                { "advance": "P30D" },
                { "expect": { "active": ["Task_Protect"] } }
              ] }
            """, "errors.bpmn").Passes();
        Assert.Equal(1, report.Count("InnerWork_Reminder", "timer-fired"));
        Assert.Equal(0, report.Count("OuterWork_Timer", "timer-fired"));
        Assert.Equal(1, report.Count("Task_InnerWork", "task-cancelled"));
        Assert.Equal(1, report.Count("Task_OuterWork", "task-cancelled"));
    }

    [Fact]
    public void Error_end_event_in_the_process_starts_the_error_event_sub_process_and_cancels_the_rest()
    {
        var report = Sim.Simulate("""
            { "process": "ErrorEndToEventSubProcess",
              "steps": [
                { "advance": "P1D" },
                { "complete": "Task_Close" },
                { "expect": { "active": ["Task_Archive"] } },
                { "advance": "P10D" },
                { "complete": "Task_Archive" },
                { "expect": { "ended": true, "notCompleted": ["Task_Open"] } }
              ] }
            """, "errors.bpmn").Passes();
        Assert.Equal(1, report.Count("Open_Reminder", "timer-fired"));
        Assert.Empty(report.Incidents);
    }

    [Fact]
    public void Escalation_from_a_called_child_is_caught_without_interrupting_and_the_child_goes_on() => Sim.Simulate("""
        { "process": "EscalationParent",
          "steps": [
            { "expect": { "active": ["Call_Foster", "Task_Review"], "tasks": [{ "id": "Task_Placement" }, { "id": "Task_Review" }] } },
            { "complete": "Task_Review" },
            { "expect": { "active": ["Call_Foster"] } },
            { "complete": "Task_Placement" },
            { "expect": { "active": ["Task_EPDone"] } },
            { "complete": "Task_EPDone" },
            { "expect": { "ended": true } }
          ] }
        """, "errors.bpmn").Passes();

    [Fact]
    public void Work_created_and_cancelled_in_the_same_step_leaves_no_task_job_timer_or_subscription_behind()
    {
        var report = Sim.Simulate("""
            { "process": "SameCommandCancel",
              "steps": [
                { "expect": { "active": ["Task_Handled"], "tasks": [{ "id": "Task_Handled" }] } },
                { "message": "neverSent", "correlationKey": "k" },
                { "advance": "P2D" },
                { "complete": "Task_Handled" },
                { "expect": { "ended": true, "tasks": [] } }
              ] }
            """, "errors.bpmn", "scopes.bpmn");
        Assert.Equal(["step 2: message neverSent (correlation key k) was not correlated: nothing waits for it"], report.Failures);
        Assert.Equal(0, report.Count("Never_Timer", "timer-fired"));
        Assert.Empty(report.Incidents);
    }

    [Fact]
    public void Engine_results_do_not_report_work_that_was_created_and_cancelled_in_the_same_command() => Sim.Run(["errors.bpmn", "scopes.bpmn"], rt =>
    {
        var r = rt.Run(null, new Orchestrator.Engine.Runtime.StartInstance("SameCommandCancel") { InstanceId = "x1" });
        Assert.Equal(["Task_Handled"], r.TasksCreated.Select(t => t.ElementId));
        Assert.Empty(r.TasksEnded);
        Assert.Empty(r.JobsCreated);
        Assert.Empty(r.JobsRemoved);
        Assert.Empty(r.TimersScheduled);
        Assert.Empty(r.TimersRemoved);
        Assert.Empty(r.SubscriptionsOpened);
        Assert.Empty(r.SubscriptionsClosed);
        Assert.Empty(r.ChildrenToStart);
        Assert.Empty(r.ChildrenToCancel);
        Assert.Equal(["x1"], rt.InstanceIds);
        Assert.Contains(r.History, h => h.Type == Orchestrator.Engine.Runtime.HistoryEventType.TaskCancelled && h.ElementId == "Task_Never");
    });

    [Fact]
    public void An_error_rethrown_inside_the_error_event_sub_process_is_not_caught_by_it_again()
    {
        var report = Sim.Simulate("""
            { "process": "ErrorRethrown",
              "steps": [
                { "complete": "Task_Work" },
                { "expect": { "active": ["Task_Cleanup"] } },
                { "complete": "Task_Cleanup", "variables": { "rethrow": true } },
                { "expect": { "active": ["End_Rethrown"], "incidents": ["End_Rethrown"], "ended": false } }
              ] }
            """, "errors.bpmn").Passes();
        Assert.Equal(1, report.Count("Task_Cleanup", "task-created"));
    }
}
