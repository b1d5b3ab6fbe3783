using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>The engine used directly, as the durable host will: state in, command, changes out.</summary>
public class EngineCommandTests
{
    private readonly VirtualTimeProvider _clock = new(Start);
    private readonly WorkflowEngine _engine;

    public EngineCommandTests()
    {
        var repo = new DefinitionRepository(_clock);
        foreach (var f in new[] { "uncaught-error.bpmn", "reception-deadline.bpmn", "weekly-meeting.bpmn" })
        {
            repo.Deploy(BpmnParser.Parse(Fixture(f), f).Definitions!, Fixture(f));
        }

        _engine = new WorkflowEngine(repo, _clock);
    }

    [Fact]
    public void Unknown_process_is_not_found() =>
        Assert.Equal(CommandRejection.NotFound, Assert.Throws<WorkflowCommandException>(() => _engine.Execute(null, new StartInstance("Nope"))).Kind);

    [Fact]
    public void Redeploying_the_same_content_keeps_the_version()
    {
        var d = _engine.Definitions.Deploy(BpmnParser.Parse(Fixture("uncaught-error.bpmn"), "x").Definitions!, Fixture("uncaught-error.bpmn"));
        Assert.Equal(1, Assert.Single(d).Version);
    }

    [Fact]
    public void Non_retryable_failure_is_an_incident_at_once_and_retry_creates_a_new_job()
    {
        var r = _engine.Execute(null, new StartInstance("UncaughtError") { InstanceId = "u" });
        var job = Assert.Single(r.JobsCreated);
        Assert.Equal("notifyCourt", job.Type);
        Assert.Equal(3, job.Retries);
        var state = r.State;

        var failed = _engine.Execute(state, new FailJob(job.Id, "bad request") { Retryable = false });
        var incident = Assert.Single(failed.IncidentsRaised);
        Assert.Equal([job.Id], failed.JobsRemoved);
        Assert.Equal(IncidentTypes.JobFailed, incident.Type);

        var retried = _engine.Execute(ProcessInstanceState.FromJson(state.ToJson()), new RetryIncident(incident.Id));
        Assert.Equal([incident.Id], retried.IncidentsResolved);
        var again = Assert.Single(retried.JobsCreated);
        Assert.NotEqual(job.Id, again.Id);
        Assert.Equal(1, again.Retries);
    }

    [Fact]
    public void Retryable_failure_reschedules_the_same_job_with_back_off()
    {
        var r = _engine.Execute(null, new StartInstance("UncaughtError") { InstanceId = "u" });
        var job = Assert.Single(r.JobsCreated);
        var failed = _engine.Execute(r.State, new FailJob(job.Id, "timeout"));
        var rescheduled = Assert.Single(failed.JobsCreated);
        Assert.Equal(job.Id, rescheduled.Id);
        Assert.Equal(2, rescheduled.Retries);
        Assert.Equal(Start.AddSeconds(10), rescheduled.Due);
        Assert.Empty(failed.IncidentsRaised);
        Assert.Contains(failed.History, h => h.Type == HistoryEventType.JobFailed && h.Detail == "timeout");
    }

    [Fact]
    public void Cancel_reports_every_closed_item_and_later_commands_conflict()
    {
        var r = _engine.Execute(null, new StartInstance("Reception") { InstanceId = "r", Variables = Vars("""{"caseWorker":"ana","urgent":true}""") });
        var task = Assert.Single(r.TasksCreated);
        var timer = Assert.Single(r.TimersScheduled);
        var cancelled = _engine.Execute(r.State, new CancelInstance { UserId = "boss", Reason = "duplicate case" });
        Assert.Equal(InstanceStatus.Cancelled, cancelled.State.Status);
        Assert.Equal(TaskEndReason.Cancelled, Assert.Single(cancelled.TasksEnded).Reason);
        Assert.Equal([timer.Id], cancelled.TimersRemoved);
        var last = cancelled.History[^1];
        Assert.Equal(HistoryEventType.InstanceCancelled, last.Type);
        Assert.Equal("boss", last.UserId);
        Assert.Equal("duplicate case", last.Detail);
        Assert.Equal(CommandRejection.Conflict,
            Assert.Throws<WorkflowCommandException>(() => _engine.Execute(cancelled.State, new CompleteUserTask(task.Id))).Kind);
        Assert.Empty(_engine.Execute(cancelled.State, new FireTimer(timer.Id)).History);
    }

    [Fact]
    public void Timer_start_events_are_planned_for_the_host()
    {
        var plan = Assert.Single(_engine.PlanStartTimers(_engine.Definitions.Latest("WeeklyMeeting")!));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), plan.Due);
        Assert.Equal(-1, plan.RepetitionsLeft);
        var next = WorkflowEngine.NextStartTimerDue(plan)!;
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero), next.Due);
    }
}
