using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

public class EventTests
{
    [Fact]
    public void Weekly_meeting_timer_start_cycle_starts_an_instance_every_week() => Run(["weekly-meeting.bpmn"], rt =>
    {
        rt.Advance(TimeSpan.FromDays(3));
        Assert.Empty(rt.InstanceIds);

        rt.Advance(TimeSpan.FromDays(12)); // to 16 January: 5 and 12 January fired
        Assert.Equal(2, rt.InstanceIds.Count);
        var tasks = rt.OpenTasks();
        Assert.Equal(2, tasks.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 17, 0, 0, TimeSpan.Zero), tasks[0].Due);
        Assert.Equal(["coordinator"], tasks[0].CandidateGroups);
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero), tasks[1].Created);

        rt.CompleteTask(tasks[0].Id, userId: "marta");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(rt.InstanceIds[0]).Status);
        rt.Advance(TimeSpan.FromDays(7));
        Assert.Equal(3, rt.InstanceIds.Count);
    });

    [Fact]
    public void Reception_deadline_interrupts_the_task_after_45_days() => Run(["reception-deadline.bpmn"], rt =>
    {
        var id = rt.StartInstance("Reception", Vars("""{"caseWorker":"ana","urgent":true}"""));
        var task = rt.Task("Task_Receive");
        Assert.Equal("ana", task.Assignee);
        Assert.Equal(["reception", "coordinator"], task.CandidateGroups);
        Assert.Equal(Start.AddDays(45), task.Due);
        Assert.Equal(Start.AddDays(30), task.FollowUp);
        Assert.Equal(90, task.Priority);
        Assert.Equal("reception-form", task.FormKey);

        rt.Advance(TimeSpan.FromDays(44));
        rt.AssertActive(id, "Task_Receive");
        rt.Advance(TimeSpan.FromDays(1));
        rt.AssertActive(id, "Task_Escalate");
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_Receive"));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "Deadline_45Days"));
        rt.Complete("Task_Escalate");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Reception_completed_in_time_cancels_the_deadline() => Run(["reception-deadline.bpmn"], rt =>
    {
        var id = rt.StartInstance("Reception", Vars("""{"caseWorker":null,"urgent":false}"""));
        Assert.Null(rt.Task("Task_Receive").Assignee);
        Assert.Equal(50, rt.Task("Task_Receive").Priority);
        rt.Advance(TimeSpan.FromDays(10));
        rt.Complete("Task_Receive", user: "luis");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        Assert.Empty(rt.PendingTimers);
        Assert.Equal(1, rt.Count(HistoryEventType.TimerCancelled, "Deadline_45Days"));
        Assert.Contains(rt.History, h => h.Type == HistoryEventType.TaskCompleted && h.UserId == "luis");
        rt.Advance(TimeSpan.FromDays(60));
        Assert.Equal(0, rt.Count(HistoryEventType.ElementStarted, "Task_Escalate"));
    });

    [Fact]
    public void R3_P2D_sends_three_reminders_without_interrupting() => Run(["reminders.bpmn"], rt =>
    {
        var sent = new List<string?>();
        rt.Handlers.Register(JobHandlerRegistry.SendType, ctx =>
        {
            sent.Add(ctx.Payload!["to"]?.GetValue<string>() + "/" + ctx.Payload["template"]);
            return JobOutcome.Complete();
        });
        var id = rt.StartInstance("Reminders", Vars("""{"consulateEmail":"consulate@example.org"}"""));
        rt.Advance(TimeSpan.FromDays(1));
        Assert.Empty(sent);
        rt.Advance(TimeSpan.FromDays(1));
        Assert.Single(sent);
        rt.Advance(TimeSpan.FromDays(10));
        Assert.Equal(3, sent.Count);
        Assert.All(sent, s => Assert.Equal("consulate@example.org/consulate-reminder", s));
        rt.AssertActive(id, "Task_ConsulateAnswer");
        Assert.Empty(rt.PendingTimers);
        rt.Complete("Task_ConsulateAnswer");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Reminders_stop_when_the_task_completes() => Run(["reminders.bpmn"], rt =>
    {
        var id = rt.StartInstance("Reminders", Vars("""{"consulateEmail":"c@example.org"}"""));
        rt.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "Send_Reminder"));
        rt.Complete("Task_ConsulateAnswer");
        rt.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "Send_Reminder"));
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Event_sub_processes_child_left_the_shelter_interrupts_and_documents_do_not() => Run(["child-left-shelter.bpmn"], rt =>
    {
        var id = rt.StartInstance("ShelterStay", Vars("""{"caseId":"c-1"}"""));
        rt.Complete("Task_Assess");
        Assert.Equal([id], rt.CorrelateMessage("documentReceived", "c-1", Vars("""{"document":"passport"}""")));
        rt.AssertActive(id, "Task_FileDocument", "Task_Plan");
        Assert.Equal("passport", rt.Var(id, "document")!.GetValue<string>());

        rt.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, rt.Var(id, "reviews")!.GetValue<int>());
        rt.Advance(TimeSpan.FromDays(30));
        Assert.Equal(2, rt.Var(id, "reviews")!.GetValue<int>());

        Assert.Empty(rt.CorrelateMessage("childLeftShelter", "c-2"));
        Assert.Equal([id], rt.CorrelateMessage("childLeftShelter", "c-1"));
        rt.AssertActive(id, "Task_ReportMissing");
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_Plan"));
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_FileDocument"));
        Assert.Empty(rt.PendingTimers);
        Assert.DoesNotContain(rt.Subscriptions, s => s.InstanceId == id);
        rt.Advance(TimeSpan.FromDays(30));
        Assert.Equal(2, rt.Var(id, "reviews")!.GetValue<int>());
        rt.Complete("Task_ReportMissing");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Event_based_gateway_message_wins_over_timer() => Run(["event-gateway.bpmn"], rt =>
    {
        var id = rt.StartInstance("EventGateway", Vars("""{"caseId":"c-5"}"""));
        rt.AssertActive(id, "Gateway_Wait");
        rt.Advance(TimeSpan.FromDays(29));
        Assert.Equal([id], rt.CorrelateMessage("consulateDecision", "c-5", Vars("""{"decision":"granted"}""")));
        rt.AssertActive(id, "Task_ApplyDecision");
        Assert.Equal("granted", rt.Var(id, "decision")!.GetValue<string>());
        Assert.Empty(rt.PendingTimers);
        rt.Advance(TimeSpan.FromDays(5));
        rt.AssertActive(id, "Task_ApplyDecision");
    });

    [Fact]
    public void Event_based_gateway_timer_wins_over_message() => Run(["event-gateway.bpmn"], rt =>
    {
        var id = rt.StartInstance("EventGateway", Vars("""{"caseId":"c-5"}"""));
        rt.Advance(TimeSpan.FromDays(30));
        rt.AssertActive(id, "Task_CallConsulate");
        Assert.Empty(rt.CorrelateMessage("consulateDecision", "c-5"));
        Assert.Empty(rt.Subscriptions);
    });

    [Fact]
    public void Receive_task_timer_catch_message_throw_escalation_and_no_match_incident() => Run(["misc-events.bpmn"], rt =>
    {
        var id = rt.StartInstance("MiscEvents", Vars("""{"caseId":"c-7","route":"B"}"""));
        rt.AssertActive(id, "Receive_Consent");
        Assert.Empty(rt.CorrelateMessage("consentSigned", "other"));
        Assert.Equal([id], rt.CorrelateMessage("consentSigned", "c-7"));
        rt.AssertActive(id, "Wait_1Day");
        rt.Advance(TimeSpan.FromDays(1));

        // The thrown message started the listener; the escalation did not interrupt the sub-process; route B matches nothing.
        var listener = Assert.Single(rt.InstanceIds, i => i != id);
        rt.AssertActive(listener, "Task_ReadNotice");
        rt.AssertActive(id, "Gateway_Route", "Task_InformCoordinator");
        var incident = Assert.Single(rt.Incidents);
        Assert.Equal(IncidentTypes.NoMatchingFlow, incident.Type);
        Assert.Equal("Gateway_Route", incident.ElementId);
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "Manual_Work"));
    });

    [Fact]
    public void Message_catch_escalation_end_and_message_end() => Run(["throw-catch.bpmn"], rt =>
    {
        var id = rt.StartInstance("ThrowCatch", Vars("""{"caseId":"k-1"}"""));
        rt.AssertActive(id, "Catch_Go");
        Assert.Equal([id], rt.CorrelateMessage("go", "k-1", Vars("""{"by":"judge"}""")));
        rt.AssertActive(id, "Task_Escalated");
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCancelled, "Sub_Escalate"));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), rt.Task("Task_Escalated").Due);
        rt.Complete("Task_Escalated");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        var listener = Assert.Single(rt.InstanceIds, i => i != id);
        rt.AssertActive(listener, "Task_Archive");
    });

    [Fact]
    public void Date_timer_boundary_fires_at_its_date() => Run(["throw-catch.bpmn"], rt =>
    {
        var id = rt.StartInstance("ThrowCatch", Vars("""{"caseId":"k-2"}"""));
        rt.CorrelateMessage("go", "k-2");
        rt.AdvanceTo(new DateTimeOffset(2026, 1, 31, 23, 59, 0, TimeSpan.Zero));
        rt.AssertActive(id, "Task_Escalated");
        rt.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        Assert.Equal(1, rt.Count(HistoryEventType.ElementCompleted, "End_Late"));
        Assert.Single(rt.InstanceIds);
    });
}
