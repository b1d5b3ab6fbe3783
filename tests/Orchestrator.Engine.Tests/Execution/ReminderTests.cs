using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>
/// <c>orc:reminder</c>, <c>orc:escalateAfter</c>, <c>orc:escalateTo</c>, <c>orc:notify</c>, <c>orc:language</c>: task
/// timers that notify without moving a token, and end with their task whatever ends it.
/// </summary>
public class ReminderTests
{
    private static readonly string[] Fixtures = ["task-reminders.bpmn"];

    private static List<TaskNotification> Reminders(InMemoryWorkflowRuntime rt, string elementId) =>
        [.. rt.Notifications.Where(n => n.Kind == TaskNotificationKind.Reminder && n.ElementId == elementId)];

    private static List<TaskNotification> Escalations(InMemoryWorkflowRuntime rt, string elementId) =>
        [.. rt.Notifications.Where(n => n.Kind == TaskNotificationKind.Escalation && n.ElementId == elementId)];

    private static IEnumerable<TimerState> FollowUpTimers(InMemoryWorkflowRuntime rt, string instanceId) =>
        rt.GetInstance(instanceId).Timers.Where(t => t.Purpose != TimerPurpose.Event);

    [Fact]
    public void A_weekly_reminder_fires_every_seven_days_and_the_escalation_at_day_45_not_a_minute_before() => Run(Fixtures, rt =>
    {
        var id = rt.StartInstance("ReminderJourney", Vars("""{"caseWorker":"ana"}"""));
        var task = rt.Task("Task_Review");
        Assert.Equal(TaskNotify.Assignee, task.Notify);
        Assert.Null(task.Language);
        Assert.Equal(2, FollowUpTimers(rt, id).Count());

        rt.Advance(TimeSpan.FromDays(45) - TimeSpan.FromMinutes(1));
        var reminders = Reminders(rt, "Task_Review");
        Assert.Equal([1, 2, 3, 4, 5, 6], reminders.Select(r => r.Occurrence));
        Assert.Equal(Enumerable.Range(1, 6).Select(k => Start.AddDays(7 * k)), reminders.Select(r => r.Due));
        Assert.All(reminders, r => Assert.Equal(task.Id, r.TaskId));
        Assert.All(reminders, r => Assert.Equal("ana", r.Task!.Assignee));
        Assert.Empty(Escalations(rt, "Task_Review"));
        Assert.Equal(["lawyer"], rt.Task("Task_Review").CandidateGroups);

        rt.Advance(TimeSpan.FromMinutes(1));
        var escalation = Assert.Single(Escalations(rt, "Task_Review"));
        Assert.Equal(Start.AddDays(45), escalation.Due);
        Assert.Equal("coordinator", escalation.EscalatedTo);
        Assert.Equal(task.Id, escalation.TaskId);
        Assert.Equal(id, escalation.InstanceId);
        Assert.Equal(["lawyer", "coordinator"], escalation.Task!.CandidateGroups);

        // Escalated, not completed: the same task is still open, now offered to the coordinator as well.
        var open = rt.Task("Task_Review");
        Assert.Equal(task.Id, open.Id);
        Assert.Equal(["lawyer", "coordinator"], open.CandidateGroups);
        Assert.Equal(1, rt.Count(HistoryEventType.TaskEscalated, "Task_Review"));
        Assert.Equal(0, rt.Count(HistoryEventType.ElementCompleted, "Task_Review"));
        Assert.Equal(6, rt.Count(HistoryEventType.TaskReminderSent, "Task_Review"));

        // The drawn non-interrupting nudge ran on its own (days 10 and 20), undisturbed by the implicit timers.
        Assert.Equal(2, rt.OpenTasks(id).Count(t => t.ElementId == "Task_Nudge"));
        Assert.Equal(2, rt.Count(HistoryEventType.ElementCompleted, "Review_Nudge"));

        rt.Complete("Task_Review");
        Assert.Empty(FollowUpTimers(rt, id));
        var sent = rt.Notifications.Count;
        rt.Advance(TimeSpan.FromDays(200));
        Assert.Equal(sent, rt.Notifications.Count);
        Assert.Equal(0, rt.Count(HistoryEventType.ElementStarted, "Task_Late"));
    });

    [Fact]
    public void An_interrupting_boundary_event_ends_the_reminders_with_the_task() => Run(Fixtures, rt =>
    {
        var id = rt.StartInstance("ReminderJourney", Vars("""{"caseWorker":"ana"}"""));
        rt.Advance(TimeSpan.FromDays(60));
        rt.AssertActive(id, "Task_Late", "Task_Nudge");
        Assert.Equal(8, Reminders(rt, "Task_Review").Count); // days 7 … 56
        Assert.Empty(FollowUpTimers(rt, id));
        Assert.DoesNotContain(rt.PendingTimers, t => rt.GetInstance(id).Timers.Any(s => rt.GetInstance(id).PublicId(s.Id) == t.Id && s.Element == "Task_Review"));
        rt.Advance(TimeSpan.FromDays(100));
        Assert.Equal(8, Reminders(rt, "Task_Review").Count);
        Assert.Single(Escalations(rt, "Task_Review"));
    });

    [Fact]
    public void Cancelling_the_instance_cancels_the_reminder_timers() => Run(Fixtures, rt =>
    {
        var id = rt.StartInstance("ReminderJourney", Vars("""{"caseWorker":"ana"}"""));
        rt.Advance(TimeSpan.FromDays(8));
        Assert.Single(Reminders(rt, "Task_Review"));
        rt.CancelInstance(id, "coordinator");
        Assert.Empty(rt.GetInstance(id).Timers);
        Assert.Empty(rt.PendingTimers);
        rt.Advance(TimeSpan.FromDays(100));
        Assert.Single(rt.Notifications);
        Assert.Equal(2, rt.Count(HistoryEventType.TimerCancelled, "Task_Review"));
    });

    [Fact]
    public void Firing_an_escalation_updates_the_task_and_moves_no_token() => Run(Fixtures, rt =>
    {
        var id = rt.StartInstance("ReminderJourney", Vars("""{"caseWorker":"ana"}"""));
        var state = rt.GetInstance(id);
        var timer = Assert.Single(state.Timers, t => t.Purpose == TimerPurpose.Escalation);
        Assert.Equal("coordinator", timer.Group);
        var timerId = state.PublicId(timer.Id);

        var r = rt.Run(id, new FireTimer(timerId));
        var updated = Assert.Single(r.TasksUpdated);
        Assert.Equal(["lawyer", "coordinator"], updated.CandidateGroups);
        Assert.Empty(r.TasksCreated);
        Assert.Empty(r.TasksEnded);
        Assert.Equal([timerId], r.TimersRemoved);
        Assert.Empty(r.TimersScheduled);
        var n = Assert.Single(r.Notifications);
        Assert.Equal(TaskNotificationKind.Escalation, n.Kind);
        Assert.Equal(updated.Id, n.TaskId);
        Assert.Contains(r.History, h => h.Type == HistoryEventType.TaskEscalated && h.Name == "coordinator" && h.ItemId == updated.Id);
        Assert.DoesNotContain(r.History, h => h.Type is HistoryEventType.ElementCompleted or HistoryEventType.ElementStarted);
        rt.AssertActive(id, "Task_Review");
    });

    [Fact]
    public void Reminder_timers_are_announced_to_the_host_as_ordinary_timers() => Run(Fixtures, rt =>
    {
        var r = rt.Run(null, new StartInstance("ReminderJourney") { InstanceId = "x1", Variables = Vars("""{"caseWorker":"ana"}""") });
        Assert.Equal(4, r.TimersScheduled.Count);
        var reminder = Assert.Single(r.TimersScheduled, t => t.Purpose == TimerPurpose.Reminder);
        Assert.Equal("Task_Review", reminder.ElementId);
        Assert.Equal(Start.AddDays(7), reminder.Due);
        Assert.Equal(-1, reminder.RepetitionsLeft);
        var escalation = Assert.Single(r.TimersScheduled, t => t.Purpose == TimerPurpose.Escalation);
        Assert.Equal(Start.AddDays(45), escalation.Due);
        Assert.Equal(2, r.TimersScheduled.Count(t => t.Purpose == TimerPurpose.Event));
    });

    [Fact]
    public void Once_twice_feel_group_notify_and_language() => Run(Fixtures, rt =>
    {
        var id = rt.StartInstance("ReminderOnce", Vars("""
            {"consulateEmail":"consul@example.org","country":"BR","deadline":"2026-02-15T10:00:00Z","region":"north"}
            """));
        var consulate = rt.Task("Task_Consulate");
        Assert.Equal(TaskNotify.Candidates, consulate.Notify);
        Assert.Equal("pt", consulate.Language);
        Assert.Equal("consul@example.org", consulate.ExternalRecipient);

        rt.Advance(TimeSpan.FromDays(100));
        var once = Assert.Single(Reminders(rt, "Task_Consulate"));
        Assert.Equal(Start.AddDays(30), once.Due);
        Assert.Equal("pt", once.Task!.Language);
        var escalation = Assert.Single(Escalations(rt, "Task_Consulate"));
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 10, 0, 0, TimeSpan.Zero), escalation.Due);
        Assert.Equal("north-coordinator", escalation.EscalatedTo);
        Assert.Equal(["reception", "north-coordinator"], rt.Task("Task_Consulate").CandidateGroups);

        rt.Complete("Task_Consulate");
        var twice = rt.Task("Task_Twice");
        Assert.Equal(TaskNotify.Assignee, twice.Notify);
        var created = rt.Clock.GetUtcNow();
        rt.Advance(TimeSpan.FromDays(10));
        Assert.Equal([created.AddDays(1), created.AddDays(2)], Reminders(rt, "Task_Twice").Select(r => r.Due));
        Assert.Equal([1, 2], Reminders(rt, "Task_Twice").Select(r => r.Occurrence));
        Assert.Empty(FollowUpTimers(rt, id));
    });

    [Fact]
    public void A_receive_task_reminds_and_escalates_until_its_message_arrives() => Run(Fixtures, rt =>
    {
        var id = rt.StartInstance("WaitReply", Vars("""{"caseId":"c-7"}"""));
        rt.Advance(TimeSpan.FromDays(25));
        Assert.Equal([Start.AddDays(10), Start.AddDays(20)], Reminders(rt, "Wait_Reply").Select(r => r.Due));
        var escalation = Assert.Single(Escalations(rt, "Wait_Reply"));
        Assert.Null(escalation.TaskId);
        Assert.Null(escalation.Task);
        Assert.Equal("coordinator", escalation.EscalatedTo);
        rt.AssertActive(id, "Wait_Reply");

        Assert.Equal([id], rt.CorrelateMessage("consulateReply", "c-7"));
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        rt.Advance(TimeSpan.FromDays(100));
        Assert.Equal(2, Reminders(rt, "Wait_Reply").Count);
    });

    [Fact]
    public void Feel_null_means_no_reminder_and_a_feel_failure_is_an_incident_on_entry() => Run(Fixtures, rt =>
    {
        var quiet = rt.StartInstance("ReminderFeel", Vars("""{"urgent":false,"limit":null}"""));
        Assert.Empty(FollowUpTimers(rt, quiet));
        rt.Advance(TimeSpan.FromDays(30));
        Assert.Empty(rt.Notifications);

        var urgent = rt.StartInstance("ReminderFeel", Vars("""{"urgent":true,"limit":"P2D"}"""));
        rt.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        Assert.Equal(3, rt.Notifications.Count(n => n.InstanceId == urgent && n.Kind == TaskNotificationKind.Reminder));
        Assert.Single(rt.Notifications, n => n.InstanceId == urgent && n.Kind == TaskNotificationKind.Escalation);

        var broken = rt.StartInstance("ReminderFeel", Vars("""{"urgent":false,"limit":5}"""));
        var incident = Assert.Single(rt.Incidents, i => i.InstanceId == broken);
        Assert.Equal("Task_Maybe", incident.ElementId);
        Assert.Contains("orc:escalateAfter", incident.Message, StringComparison.Ordinal);
        Assert.Empty(rt.OpenTasks(broken));
        Assert.Empty(rt.GetInstance(broken).Timers);

        rt.SetVariables(broken, Vars("""{"limit":"P1D"}"""));
        rt.RetryIncident(incident.Id);
        Assert.Single(rt.OpenTasks(broken));
        Assert.Single(FollowUpTimers(rt, broken));
    });

    [Fact]
    public void Follow_up_timers_survive_the_state_document_and_old_documents_still_read()
    {
        var rt = new InMemoryWorkflowRuntime(new InMemoryRuntimeOptions { Start = Start });
        rt.Deploy(Fixture("task-reminders.bpmn"), "task-reminders.bpmn");
        var id = rt.StartInstance("ReminderOnce", Vars("""
            {"consulateEmail":"consul@example.org","country":"AR","deadline":"2026-02-15T10:00:00Z","region":"south"}
            """));
        var json = rt.GetInstance(id).ToJson();
        Assert.Contains("\"purpose\":\"Reminder\"", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"group\":\"south-coordinator\"", json, StringComparison.Ordinal);
        var back = ProcessInstanceState.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(TaskNotify.Candidates, back.Tasks[0].Notify);
        Assert.Equal("es", back.Tasks[0].Language);

        // A document written before reminders existed has none of the new fields: its timers are timer events.
        var old = JsonNode.Parse(json)!.AsObject();
        foreach (var timer in old["timers"]!.AsArray())
        {
            timer!.AsObject().Remove("purpose");
            timer.AsObject().Remove("occurrence");
            timer.AsObject().Remove("group");
        }

        old["tasks"]![0]!.AsObject().Remove("notify");
        old["tasks"]![0]!.AsObject().Remove("language");
        var legacy = ProcessInstanceState.FromJson(old.ToJsonString());
        Assert.Equal(ProcessInstanceState.CurrentSchemaVersion, legacy.SchemaVersion);
        Assert.All(legacy.Timers, t => Assert.Equal(TimerPurpose.Event, t.Purpose));
        Assert.Equal(TaskNotify.None, legacy.Tasks[0].Notify);
    }
}
