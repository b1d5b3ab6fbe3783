using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

public class ActivityTests
{
    [Fact]
    public void Inclusive_join_waits_for_exactly_the_tokens_that_can_still_arrive() => Run(["inclusive-join.bpmn"], rt =>
    {
        var id = rt.StartInstance("InclusiveJoin", Vars("""{"needsDoctor":true,"needsLawyer":false}"""));
        rt.AssertActive(id, "Task_Medical", "Task_Social");
        rt.Complete("Task_Social");
        rt.AssertActive(id, "Task_Medical"); // the join holds Task_Social's token; it is not "active"
        Assert.Equal(0, rt.Count(HistoryEventType.ElementCompleted, "Join_Needs"));
        rt.Complete("Task_Medical");
        rt.AssertActive(id, "Task_Decide");
        Assert.Equal(0, rt.Count(HistoryEventType.ElementStarted, "Task_Legal"));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "Join_Needs"));
        rt.Complete("Task_Decide");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Inclusive_join_fires_when_a_branch_it_waits_for_is_cancelled_elsewhere() => Run(["inclusive-join.bpmn"], rt =>
    {
        var id = rt.StartInstance("InclusiveJoin", Vars("""{"needsDoctor":true,"needsLawyer":false}"""));
        rt.Complete("Task_Social");
        rt.AssertActive(id, "Task_Medical"); // the join holds Task_Social's token; it is not "active"
        Assert.Equal(0, rt.Count(HistoryEventType.ElementCompleted, "Join_Needs"));
        rt.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "End_MedicalExpired"));
        rt.AssertActive(id, "Task_Decide");
    });

    [Fact]
    public void Inclusive_join_with_one_branch_passes_at_once() => Run(["inclusive-join.bpmn"], rt =>
    {
        var id = rt.StartInstance("InclusiveJoin", Vars("""{"needsDoctor":false,"needsLawyer":false}"""));
        rt.AssertActive(id, "Task_Social");
        rt.Complete("Task_Social");
        rt.AssertActive(id, "Task_Decide");
    });

    [Fact]
    public void Foster_family_parallel_evaluation_collects_the_recommendations_in_order() => Run(["foster-evaluation.bpmn"], rt =>
    {
        var id = rt.StartInstance("FosterEvaluation", Vars("""{"evaluators":["lawyer","social-worker","psychologist"]}"""));
        var tasks = rt.OpenTasks(id);
        Assert.Equal(3, tasks.Count);
        Assert.Equal(["lawyer"], tasks[0].CandidateGroups);
        Assert.Equal(["social-worker"], tasks[1].CandidateGroups);
        Assert.Equal(["psychologist"], tasks[2].CandidateGroups);
        var body = Assert.Single(rt.GetInstance(id).Executions, e => e.Mi == MultiInstanceRole.Body);
        Assert.Equal(3, body.Vars!["nrOfInstances"]!.GetValue<int>());
        Assert.Equal(3, body.Vars!["nrOfActiveInstances"]!.GetValue<int>());

        rt.CompleteTask(tasks[2].Id, Vars("""{"approve":true}"""), "psy");
        body = Assert.Single(rt.GetInstance(id).Executions, e => e.Mi == MultiInstanceRole.Body);
        Assert.Equal(1, body.Vars!["nrOfCompletedInstances"]!.GetValue<int>());
        Assert.Equal(2, body.Vars!["nrOfActiveInstances"]!.GetValue<int>());
        rt.CompleteTask(tasks[0].Id, Vars("""{"approve":true}"""), "law");
        rt.CompleteTask(tasks[1].Id, Vars("""{"approve":true}"""), "sw");

        var recommendations = rt.Var(id, "recommendations")!.AsArray();
        Assert.Equal(["lawyer", "social-worker", "psychologist"], recommendations.Select(r => r!["by"]!.GetValue<string>()));
        rt.AssertActive(id, "Task_Place");
    });

    [Fact]
    public void Foster_family_rejected_by_one_evaluator() => Run(["foster-evaluation.bpmn"], rt =>
    {
        var id = rt.StartInstance("FosterEvaluation", Vars("""{"evaluators":["lawyer","psychologist"]}"""));
        rt.CompleteTask(rt.OpenTasks(id)[0].Id, Vars("""{"approve":true}"""));
        rt.CompleteTask(rt.OpenTasks(id)[0].Id, Vars("""{"approve":false}"""));
        rt.AssertActive(id, "Task_Reject");
    });

    [Fact]
    public void Empty_collection_skips_the_multi_instance() => Run(["foster-evaluation.bpmn"], rt =>
    {
        var id = rt.StartInstance("FosterEvaluation", Vars("""{"evaluators":[]}"""));
        Assert.Empty(rt.Var(id, "recommendations")!.AsArray());
        rt.AssertActive(id, "Task_Place");
    });

    [Fact]
    public void Sequential_multi_instance_sub_process_stops_on_its_completion_condition() => Run(["sequential-review.bpmn"], rt =>
    {
        var id = rt.StartInstance("SequentialReview", Vars("""{"rounds":3}"""));
        Assert.Single(rt.OpenTasks(id));
        Assert.Equal(1, rt.Var(id, "lastRound")!.GetValue<int>());
        rt.Complete("Task_ReviewRound", Vars("""{"rejected":false}"""));
        Assert.Equal(2, rt.Var(id, "lastRound")!.GetValue<int>());
        rt.Complete("Task_ReviewRound", Vars("""{"rejected":true}"""));
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        Assert.Equal(2, rt.History.Count(h => h.Type == HistoryEventType.ElementCompleted && h.ElementId == "Sub_Review" && h.ElementKind == "subProcess"));
    });

    [Fact]
    public void Error_boundary_catches_by_code() => Run(["errors.bpmn"], rt =>
    {
        rt.Handlers.Register("checkDocuments", _ => JobOutcome.BpmnError("DOCS_MISSING", "passport missing", Vars("""{"missing":"passport"}""")));
        var id = rt.StartInstance("Errors");
        rt.AssertActive(id, "Task_RequestDocuments");
        Assert.Equal("passport", rt.Var(id, "missing")!.GetValue<string>());
        Assert.Empty(rt.Incidents);
    });

    [Fact]
    public void Error_boundary_without_code_catches_every_error_of_the_sub_process() => Run(["errors.bpmn"], rt =>
    {
        rt.Handlers.Register("register", _ => JobOutcome.BpmnError("REGISTRY_DOWN"));
        var id = rt.StartInstance("Errors");
        rt.AssertActive(id, "Task_RegisterByHand");
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCancelled, "Sub_Register"));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCancelled, "Service_Register"));
    });

    [Fact]
    public void No_error_takes_the_normal_path() => Run(["errors.bpmn"], rt =>
    {
        var id = rt.StartInstance("Errors");
        rt.AssertActive(id, "Task_Continue");
    });

    [Fact]
    public void Uncaught_error_is_an_incident_that_can_be_retried() => Run(["uncaught-error.bpmn"], rt =>
    {
        var fail = true;
        rt.Handlers.Register("notifyCourt", _ => fail ? JobOutcome.BpmnError("COURT_CLOSED") : JobOutcome.Complete(Vars("""{"notified":true}""")));
        var id = rt.StartInstance("UncaughtError");
        var incident = Assert.Single(rt.Incidents);
        Assert.Equal(IncidentTypes.UnhandledError, incident.Type);
        Assert.Equal("Service_Notify", incident.ElementId);
        rt.AssertActive(id, "Service_Notify");

        fail = false;
        rt.RetryIncident(incident.Id);
        Assert.Empty(rt.Incidents);
        rt.AssertActive(id, "Task_After");
        Assert.True(rt.Var(id, "notified")!.GetValue<bool>());
    });

    [Fact]
    public void Failing_job_retries_with_back_off_then_becomes_an_incident_that_can_be_retried() => Run(["uncaught-error.bpmn"], rt =>
    {
        var attempts = 0;
        var broken = true;
        rt.Handlers.Register("notifyCourt", _ =>
        {
            attempts++;
            return broken ? throw new InvalidOperationException("court API down") : JobOutcome.Complete();
        });
        var id = rt.StartInstance("UncaughtError");
        Assert.Equal(1, attempts);
        Assert.Empty(rt.Incidents);
        rt.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, attempts);
        rt.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, attempts);
        rt.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, attempts);
        var incident = Assert.Single(rt.Incidents);
        Assert.Equal(IncidentTypes.JobFailed, incident.Type);
        Assert.Equal("court API down", incident.Message);
        Assert.Equal(3, rt.Count(HistoryEventType.JobFailed, "Service_Notify"));
        rt.Advance(TimeSpan.FromDays(1));
        Assert.Equal(3, attempts);

        broken = false;
        rt.RetryIncident(incident.Id);
        Assert.Equal(4, attempts);
        rt.AssertActive(id, "Task_After");
    });

    [Fact]
    public void Error_caught_by_matching_code_on_the_task() => Run(["uncaught-error.bpmn"], rt =>
    {
        rt.Handlers.Register("notifyCourt", _ => JobOutcome.BpmnError("OTHER"));
        var id = rt.StartInstance("UncaughtError");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "End_Other"));
    });

    [Fact]
    public void Call_activity_maps_variables_in_and_out() => Run(["call-child.bpmn", "call-parent.bpmn"], rt =>
    {
        var parent = rt.StartInstance("CaseJourney", Vars("""{"childName":"Lucía","caseId":"c-9","secret":"x"}"""), businessKey: "case-9");
        rt.AssertActive(parent, "Call_MedicalCheck");
        var child = Assert.Single(rt.InstanceIds, i => i != parent);
        var childState = rt.GetInstance(child);
        Assert.Equal("MedicalCheck", childState.ProcessId);
        Assert.Equal("case-9", childState.BusinessKey);
        Assert.Equal("Lucía", childState.Variables["patient"]!.GetValue<string>());
        Assert.False(childState.Variables.ContainsKey("secret"));

        rt.Complete("Task_Examine", Vars("""{"fit":true}"""), child);
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(child).Status);
        rt.AssertActive(parent, "Task_Review");
        Assert.True(rt.Var(parent, "medicallyFit")!.GetValue<bool>());
        Assert.False(rt.GetInstance(parent).Variables.ContainsKey("fit"));
    });

    [Fact]
    public void Interrupting_boundary_on_a_call_activity_cancels_the_child() => Run(["call-child.bpmn", "call-parent.bpmn"], rt =>
    {
        var parent = rt.StartInstance("CaseJourney", Vars("""{"childName":"Ana","caseId":"c-1"}"""));
        var child = Assert.Single(rt.InstanceIds, i => i != parent);
        rt.Advance(TimeSpan.FromDays(10));
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(child).Status);
        Assert.Empty(rt.OpenTasks(child));
        rt.AssertActive(parent, "Task_Chase");
    });

    [Fact]
    public void Cancelling_the_parent_cancels_the_child_and_new_versions_are_called_latest() => Run(["call-child.bpmn", "call-parent.bpmn"], rt =>
    {
        var first = rt.StartInstance("CaseJourney", Vars("""{"childName":"Ana","caseId":"c-1"}"""));
        var firstChild = Assert.Single(rt.InstanceIds, i => i != first);
        var v2 = rt.Deploy(Fixture("call-child.bpmn").Replace("Examine the child", "Examine the child (v2)", StringComparison.Ordinal), "call-child.bpmn");
        Assert.Equal(2, Assert.Single(v2).Version);
        Assert.Equal(2, Assert.Single(rt.Deploy(Fixture("call-child.bpmn").Replace("Examine the child", "Examine the child (v2)", StringComparison.Ordinal), "x")).Version);

        var second = rt.StartInstance("CaseJourney", Vars("""{"childName":"Eva","caseId":"c-2"}"""));
        var secondChild = rt.InstanceIds[^1];
        Assert.Equal(1, rt.GetInstance(firstChild).Version);
        Assert.Equal(2, rt.GetInstance(secondChild).Version);
        Assert.Equal("Examine the child (v2)", rt.Task("Task_Examine", secondChild).Name);

        rt.CancelInstance(first, "coordinator");
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(first).Status);
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(firstChild).Status);
        Assert.Empty(rt.OpenTasks(firstChild));
        Assert.DoesNotContain(rt.PendingTimers, t => t.Id.StartsWith(first + ":", StringComparison.Ordinal));
        Assert.Equal(InstanceStatus.Active, rt.GetInstance(second).Status);
    });

    [Fact]
    public void Terminate_end_in_a_sub_process_ends_the_sub_process_and_at_top_level_the_instance() => Run(["terminate.bpmn"], rt =>
    {
        var id = rt.StartInstance("Terminate");
        rt.AssertActive(id, "Task_InnerA", "Task_InnerB", "Task_LongWork");
        rt.Complete("Task_InnerA");
        rt.AssertActive(id, "Task_Close", "Task_LongWork");
        Assert.Equal(1, rt.Count(HistoryEventType.ElementTerminated, "Task_InnerB"));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "Sub_Inner"));
        rt.Complete("Task_Close");
        var state = rt.GetInstance(id);
        Assert.Equal(InstanceStatus.Terminated, state.Status);
        Assert.Empty(rt.OpenTasks(id));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementTerminated, "Task_LongWork"));
    });

    [Fact]
    public void A_loop_without_wait_state_is_stopped_by_the_step_budget() => Run(["loop.bpmn"], rt =>
    {
        var ok = rt.StartInstance("Loop", Vars("""{"n":0,"limit":5}"""));
        rt.AssertActive(ok, "Task_Done");
        Assert.Equal(5, rt.Var(ok, "n")!.GetValue<int>());

        var looping = rt.StartInstance("Loop", Vars("""{"n":0,"limit":1000000000}"""));
        var incident = Assert.Single(rt.Incidents);
        Assert.Equal(IncidentTypes.StepBudgetExceeded, incident.Type);
        Assert.Equal(looping, incident.InstanceId);
        var n = rt.Var(looping, "n")!.GetValue<int>();
        Assert.InRange(n, 100, 1000);

        rt.RetryIncident(incident.Id);
        Assert.True(rt.Var(looping, "n")!.GetValue<int>() > n);
        Assert.Single(rt.Incidents);
    }, new EngineOptions { StepBudget = 1000 });

    [Fact]
    public void Claim_unclaim_assign_and_complete_are_in_the_history() => Run(["reception-deadline.bpmn"], rt =>
    {
        var id = rt.StartInstance("Reception", Vars("""{"caseWorker":null,"urgent":false}"""));
        var task = rt.Task("Task_Receive");
        rt.ClaimTask(task.Id, "ana");
        Assert.Equal("ana", rt.Task("Task_Receive").Assignee);
        Assert.Throws<WorkflowCommandException>(() => rt.ClaimTask(task.Id, "luis"));
        rt.UnclaimTask(task.Id, "ana");
        rt.AssignTask(task.Id, "luis", "coordinator");
        rt.CompleteTask(task.Id, Vars("""{"received":true}"""), "luis");
        var types = rt.History.Where(h => h.ItemId == task.Id).Select(h => h.Type).ToList();
        Assert.Equal([HistoryEventType.TaskCreated, HistoryEventType.TaskClaimed, HistoryEventType.TaskUnclaimed, HistoryEventType.TaskAssigned, HistoryEventType.TaskCompleted], types);
        var e = Assert.Throws<WorkflowCommandException>(() => rt.CompleteTask(task.Id));
        Assert.Equal(CommandRejection.Conflict, e.Kind);
        Assert.True(rt.Var(id, "received")!.GetValue<bool>());
    });
}
