using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Terminate end events, variable scopes and instance cancellation.</summary>
public sealed class ScopeTests
{
    [Fact]
    public void Terminate_inside_a_sub_process_ends_only_that_sub_process()
    {
        var report = Sim.Simulate("""
            { "process": "TerminateInSub", "variables": { "stop": false },
              "steps": [
                { "expect": { "active": ["Call_Medical", "Task_SearchA", "Task_SearchB"] } },
                { "complete": "Task_SearchB" },
                { "expect": { "active": ["Call_Medical", "Task_AfterSearch"], "completed": ["Sub_Search"], "tasks": [{ "id": "Task_Doctor" }, { "id": "Task_AfterSearch" }] } },
                { "advance": "P5D" },
                { "complete": "Task_AfterSearch" },
                { "expect": { "active": ["Call_Medical"], "ended": false } },
                { "complete": "Task_Doctor" },
                { "expect": { "ended": true } }
              ] }
            """, "scopes.bpmn").Passes();
        Assert.Equal(0, report.Count("SearchA_Timer", "timer-fired"));
        Assert.Equal(5, report.Count("Doctor_Reminder", "timer-fired"));
    }

    [Fact]
    public void Terminate_in_the_process_cancels_the_called_children_and_their_timers()
    {
        var report = Sim.Simulate("""
            { "process": "TerminateInSub", "variables": { "stop": true },
              "steps": [
                { "complete": "Task_SearchB" },
                { "complete": "Task_AfterSearch" },
                { "expect": { "ended": true, "active": [], "tasks": [] } },
                { "advance": "P5D" }
              ] }
            """, "scopes.bpmn").Passes();
        Assert.Equal(0, report.Count("Doctor_Reminder", "timer-fired"));
        Assert.Equal(1, report.Count("Task_Doctor", "task-cancelled"));
        Assert.Equal(1, report.Trace.Count(t => t.Event == "instance-cancelled"));
        Assert.Equal(1, report.Trace.Count(t => t.Event == "instance-terminated"));
    }

    [Fact]
    public void Input_mappings_shadow_sub_process_outputs_propagate_and_element_variables_stay_local()
    {
        var report = Sim.Simulate("""
            { "process": "VariableScopes", "variables": { "status": "open", "guardians": ["mum", "dad"] },
              "steps": [
                { "complete": "Task_Shadow", "variables": { "status": "final" } },
                { "expect": { "active": ["Task_Goals"], "variables": { "status": "open" } } },
                { "complete": "Task_Goals", "variables": { "plan": { "goals": ["school", "health"] } } },
                { "expect": { "active": ["Task_Sign"], "variables": { "planGoals": ["school", "health"] } } },
                { "complete": "Task_Sign", "variables": { "signed": true } },
                { "complete": "Task_Sign", "variables": { "signed": false } },
                { "expect": { "active": ["Task_VSDone"], "variables": { "signatures": [true, false] } } }
              ] }
            """, "scopes.bpmn").Passes();
        Assert.Equal(["guardians", "planGoals", "signatures", "status"], report.Variables.Select(v => v.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cancelling_an_instance_cancels_every_task_timer_subscription_job_and_child_with_history() => Sim.Run(["scopes.bpmn", "messages.bpmn", "multi-instance.bpmn"], rt =>
    {
        var id = rt.StartInstance("TerminateInSub", Sim.Vars("""{"stop":false}"""));
        var child = Assert.Single(rt.InstanceIds, i => i != id);
        Assert.Equal(3, rt.OpenTasks().Count);
        rt.CancelInstance(id, "supervisor");
        Assert.Empty(rt.OpenTasks());
        Assert.Empty(rt.PendingTimers);
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(id).Status);
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(child).Status);
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_SearchA"));
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_SearchB"));
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_Doctor", child));
        Assert.Equal(1, rt.Count(HistoryEventType.TimerCancelled, "SearchA_Timer"));
        Assert.Equal(1, rt.Count(HistoryEventType.TimerCancelled, "Doctor_Reminder", child));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCancelled, "Call_Medical"));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCancelled, "Sub_Search"));
        Assert.Contains(rt.History, h => h.Type == HistoryEventType.InstanceCancelled && h.InstanceId == id && h.UserId == "supervisor");
        rt.Advance(TimeSpan.FromDays(30));
        Assert.DoesNotContain(rt.History, h => h.Type == HistoryEventType.TimerFired);

        var waiting = rt.StartInstance("MessageKeys", Sim.Vars("""{"caseNumber":7}"""));
        Assert.Single(rt.Subscriptions);
        rt.CancelInstance(waiting);
        Assert.Empty(rt.Subscriptions);
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCancelled, "Receive_Court", waiting));
        Assert.Empty(rt.CorrelateMessage("courtDecision", "7"));

        // A job waiting for its retry back-off is removed and never runs again.
        rt.Handlers.RegisterForElement("Service_Record", _ => JobOutcome.Fail("registry down"));
        var checking = rt.StartInstance("MiSubProcessError", Sim.Vars("""{"relatives":["aunt"]}"""));
        Assert.Single(rt.GetInstance(checking).Jobs);
        rt.CancelInstance(checking);
        Assert.Empty(rt.GetInstance(checking).Jobs);
        var failures = rt.History.Count(h => h.Type == HistoryEventType.JobFailed);
        rt.Advance(TimeSpan.FromHours(1));
        Assert.Equal(failures, rt.History.Count(h => h.Type == HistoryEventType.JobFailed));
        Assert.Empty(rt.Incidents);
    });

    [Fact]
    public void Variables_a_task_completes_with_are_in_the_history_with_the_user_who_completed_it() => Sim.Run(["scopes.bpmn"], rt =>
    {
        var id = rt.StartInstance("VariableScopes", Sim.Vars("""{"status":"open","guardians":["mum"]}"""));
        rt.CompleteTask(rt.OpenTasks(id)[0].Id, Sim.Vars("""{"status":"final","note":"seen"}"""), "ana");
        Assert.Contains(rt.History, h => h.Type == HistoryEventType.VariableCreated && h.Name == "note" && h.UserId == "ana");
        Assert.Contains(rt.History, h => h.Type == HistoryEventType.VariableUpdated && h.Name == "status" && h.ElementId == "Task_Shadow" && h.UserId == "ana");
        Assert.Equal("open", rt.GetInstance(id).Variables["status"]!.GetValue<string>());
    });

    [Fact]
    public void Terminate_inside_one_multi_instance_iteration_ends_only_that_iteration()
    {
        var report = Sim.Simulate("""
            { "process": "TerminateInMi", "variables": { "siblings": ["ana", "luis"] },
              "steps": [
                { "expect": { "tasks": [{ "id": "Task_Slow" }, { "id": "Task_Fast" }, { "id": "Task_Slow" }, { "id": "Task_Fast" }] } },
                { "complete": "Task_Fast" },
                { "expect": { "active": ["Task_Fast", "Task_Slow"], "notCompleted": ["Sub_PerSibling"] } },
                { "complete": "Task_Fast" },
                { "expect": { "active": ["Task_TMDone"], "completed": ["Sub_PerSibling"] } }
              ] }
            """, "scopes.bpmn").Passes();
        Assert.Equal(2, report.Count("Task_Slow", "task-cancelled"));
        Assert.DoesNotContain(report.Trace, t => t.Event == "instance-terminated");
    }

    [Fact]
    public void Terminate_inside_a_non_interrupting_event_sub_process_ends_only_that_event_sub_process() => Sim.Simulate("""
        { "process": "TerminateInEsp", "variables": { "caseId": "c-5" },
          "steps": [
            { "message": "noteAdded", "correlationKey": "c-5" },
            { "expect": { "active": ["Task_Main", "Task_NoteA", "Task_NoteB"] } },
            { "complete": "Task_NoteA" },
            { "expect": { "active": ["Task_Main"], "completed": ["Esp_Note"], "ended": false } },
            { "message": "noteAdded", "correlationKey": "c-5" },
            { "expect": { "active": ["Task_Main", "Task_NoteA", "Task_NoteB"] } },
            { "complete": "Task_Main" },
            { "expect": { "ended": false } },
            { "complete": "Task_NoteB" },
            { "complete": "Task_NoteA" },
            { "expect": { "ended": true } }
          ] }
        """, "scopes.bpmn").Passes();
}
