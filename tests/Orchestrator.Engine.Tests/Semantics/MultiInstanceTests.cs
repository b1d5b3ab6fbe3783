using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Multi-instance bodies: boundary events, errors, completion conditions, empty and sequential collections.</summary>
public sealed class MultiInstanceTests
{
    [Fact]
    public void Non_interrupting_timer_fires_once_for_the_body_and_interrupting_timer_cancels_every_instance()
    {
        var report = Sim.Simulate("""
            { "process": "MiBoundaryTimers", "variables": { "evaluators": ["lawyer", "social-worker", "psychologist"] },
              "steps": [
                { "expect": { "active": ["Task_Evaluate"],
                              "tasks": [{ "id": "Task_Evaluate", "candidateGroups": ["lawyer"] },
                                        { "id": "Task_Evaluate", "candidateGroups": ["social-worker"] },
                                        { "id": "Task_Evaluate", "candidateGroups": ["psychologist"] }] } },
                { "complete": "Task_Evaluate" },
                { "advance": "P2D" },
                { "expect": { "active": ["Task_Evaluate", "Task_Remind"] } },
                { "advance": "P3D" },
                { "expect": { "active": ["Task_Escalate", "Task_Remind"], "notCompleted": ["Task_MTDone"] } },
                { "advance": "P30D" },
                { "expect": { "active": ["Task_Escalate", "Task_Remind"] } }
              ] }
            """, "multi-instance.bpmn").Passes();
        Assert.Equal(1, report.Count("Remind_Evaluators", "timer-fired"));
        Assert.Equal(1, report.Count("Evaluation_Deadline", "timer-fired"));
        Assert.Equal(2, report.Count("Task_Evaluate", "task-cancelled"));
    }

    [Fact]
    public void Error_in_one_instance_of_a_multi_instance_sub_process_cancels_all_instances_their_tasks_and_timers()
    {
        var report = Sim.Simulate("""
            { "process": "MiSubProcessError", "variables": { "relatives": ["aunt", "grandmother", "uncle"] },
              "mocks": { "Service_Record": { "error": "RECORD_FOUND" } },
              "steps": [
                { "expect": { "active": ["Task_Reject"], "notCompleted": ["Sub_Check", "Task_Approve"] } },
                { "advance": "P10D" },
                { "expect": { "active": ["Task_Reject"] } }
              ] }
            """, "multi-instance.bpmn").Passes();
        Assert.Equal(0, report.Count("Interview_Reminder", "timer-fired"));
        Assert.Equal(3, report.Count("Task_Interview", "task-cancelled"));
    }

    [Fact]
    public void Completion_condition_cancels_the_remaining_instances_with_their_tasks_and_timers() => Sim.Run(["multi-instance.bpmn"], rt =>
    {
        var id = rt.StartInstance("MiCompletion", Sim.Vars("""{"families":["f1","f2","f3"]}"""));
        var tasks = rt.OpenTasks(id);
        Assert.Equal(3, tasks.Count);
        rt.CompleteTask(tasks.Single(t => t.CandidateGroups[0] == "f3").Id, Sim.Vars("""{"answer":"no"}"""));
        rt.CompleteTask(tasks.Single(t => t.CandidateGroups[0] == "f1").Id, Sim.Vars("""{"answer":"maybe"}"""));
        rt.AssertActive(id, "Task_MCDone");
        Assert.Equal("""["maybe",null,"no"]""", rt.GetInstance(id).Variables["answers"]!.ToJsonString());
        Assert.Empty(rt.GetInstance(id).Timers);
        rt.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, rt.Count(HistoryEventType.TimerFired, "Ask_Timeout"));
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_Ask"));
        Assert.Equal(3, rt.Count(HistoryEventType.TimerCancelled, "Ask_Timeout"));
    });

    [Fact]
    public void Empty_collection_completes_at_once_with_an_empty_output_collection()
    {
        var report = Sim.Simulate("""
            { "process": "MiSequential", "variables": { "documents": [] },
              "steps": [ { "expect": { "active": ["Task_MSDone"], "variables": { "reviews": [] } } } ] }
            """, "multi-instance.bpmn").Passes();
        Assert.Equal("[]", report.Variables["reviews"]!.ToJsonString());
    }

    [Fact]
    public void Missing_collection_is_an_incident_not_a_silent_skip() => Sim.Simulate("""
        { "process": "MiSequential",
          "steps": [ { "expect": { "active": ["Task_Review"], "incidents": ["Task_Review"], "notCompleted": ["Task_Review"] } } ] }
        """, "multi-instance.bpmn").Passes();

    [Fact]
    public void Sequential_user_task_per_item_with_the_element_variable_local_to_each_instance()
    {
        var report = Sim.Simulate("""
            { "process": "MiSequential",
              "variables": { "documents": [ { "name": "passport", "owner": "legal" }, { "name": "school report", "owner": "education" } ] },
              "steps": [
                { "expect": { "tasks": [{ "id": "Task_Review", "candidateGroups": ["legal"] }] } },
                { "complete": "Task_Review", "variables": { "ok": true } },
                { "expect": { "active": ["Task_Review"], "tasks": [{ "id": "Task_Review", "candidateGroups": ["education"] }] } },
                { "complete": "Task_Review", "variables": { "ok": false } },
                { "expect": { "active": ["Task_MSDone"],
                              "variables": { "reviews": [ { "doc": "passport", "ok": true, "n": 1 }, { "doc": "school report", "ok": false, "n": 2 } ] } } }
              ] }
            """, "multi-instance.bpmn").Passes();
        Assert.Single(report.Trace, t => t.Event == "task-created" && t.Element == "Task_MSDone");
        Assert.False(report.Variables.ContainsKey("doc"));
        Assert.False(report.Variables.ContainsKey("loopCounter"));
        Assert.False(report.Variables.ContainsKey("nrOfInstances"));
    }

    [Fact]
    public void A_completion_condition_that_fails_is_an_incident_and_no_instance_is_cut_short()
    {
        var report = Sim.Simulate("""
            { "process": "MiBrokenCondition", "variables": { "voters": ["a", "b"] },
              "steps": [
                { "complete": "Task_Vote" },
                { "expect": { "active": ["Task_Vote"], "incidents": ["Task_Vote"] } },
                { "complete": "Task_Vote" },
                { "expect": { "active": ["Task_MBDone"] } }
              ] }
            """, "multi-instance.bpmn").Passes();
        Assert.Equal(2, report.Trace.Count(t => t.Element == "Task_Vote" && t.Event == "incident-raised"));
    }

    [Fact]
    public void Output_element_reads_what_each_instance_output_mapping_wrote_and_nothing_leaks()
    {
        var report = Sim.Simulate("""
            { "process": "MiOutputMapping", "variables": { "people": ["doctor", "teacher"] },
              "steps": [
                { "complete": "Task_AskPro", "variables": { "form": { "answer": "yes" } } },
                { "complete": "Task_AskPro", "variables": { "form": { "answer": "no" } } },
                { "expect": { "active": ["Task_MODone"] } }
              ] }
            """, "multi-instance.bpmn").Passes();
        Assert.Equal(["no", "yes"], report.Variables["answers"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(["answers", "people"], report.Variables.Select(v => v.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Open_tasks_of_a_parallel_multi_instance_are_listed_in_item_order_past_a_hundred_ids() => Sim.Run(["multi-instance.bpmn"], rt =>
    {
        string[] evaluators = [.. Enumerable.Range(1, 60).Select(i => "e" + i)];
        var id = rt.StartInstance("MiBoundaryTimers", new System.Text.Json.Nodes.JsonObject { ["evaluators"] = new System.Text.Json.Nodes.JsonArray([.. evaluators.Select(e => (System.Text.Json.Nodes.JsonNode)e)]) });
        Assert.Equal(evaluators, rt.OpenTasks(id).Select(t => t.CandidateGroups[0]));
    });
}
