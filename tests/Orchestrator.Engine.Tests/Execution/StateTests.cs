using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

public class StateTests
{
    [Fact]
    public void Ten_element_instance_waiting_at_its_user_task_serialises_under_2_KB() => Run(["ten-elements.bpmn"], rt =>
    {
        var id = rt.StartInstance("TenElements", Vars("""{"age":17}"""));
        rt.AssertActive(id, "UserTask_Review");
        var json = rt.GetInstance(id).ToJson();
        Assert.True(json.Length < 2048, $"{json.Length} bytes: {json}");
        Assert.Equal(2, rt.Var(id, "score")!.GetValue<int>());
        rt.Complete("UserTask_Review");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
        Assert.Equal(10, rt.History.Count(h => h.Type == HistoryEventType.ElementCompleted));
    });

    [Fact]
    public void State_round_trips_exactly() => Run(["child-left-shelter.bpmn"], rt =>
    {
        var id = rt.StartInstance("ShelterStay", Vars("""{"caseId":"c-1","nested":{"a":[1,2.5,"x",null,true]}}"""));
        var json = rt.GetInstance(id).ToJson();
        Assert.Equal(json, ProcessInstanceState.FromJson(json).ToJson());
        Assert.Contains("\"schema\":1", json, StringComparison.Ordinal);
    });

    [Fact]
    public void Unknown_schema_versions_are_refused() =>
        Assert.Throws<System.Text.Json.JsonException>(() => ProcessInstanceState.FromJson("""{"schema":99,"id":"x"}"""));

    [Fact]
    public void Engine_commands_return_every_change() 
    {
        var clock = new VirtualTimeProvider(Start);
        var repo = new DefinitionRepository(clock);
        var parsed = Orchestrator.Engine.Parsing.BpmnParser.Parse(Fixture("reception-deadline.bpmn"), "reception-deadline.bpmn");
        repo.Deploy(parsed.Definitions!, Fixture("reception-deadline.bpmn"));
        var engine = new WorkflowEngine(repo, clock);
        var r = engine.Execute(null, new StartInstance("Reception") { InstanceId = "a", Variables = Vars("""{"caseWorker":"ana","urgent":false}""") });
        var task = Assert.Single(r.TasksCreated);
        var timer = Assert.Single(r.TimersScheduled);
        Assert.Equal("Deadline_45Days", timer.ElementId);
        Assert.Equal(Start.AddDays(45), timer.Due);
        Assert.Contains(r.History, h => h.Type == HistoryEventType.InstanceStarted);
        Assert.Contains(r.History, h => h.Type == HistoryEventType.VariableCreated && h.Name == "caseWorker");

        var state = ProcessInstanceState.FromJson(r.State.ToJson());
        clock.Advance(TimeSpan.FromDays(45));
        var fired = engine.Execute(state, new FireTimer(timer.Id));
        Assert.Equal([timer.Id], fired.TimersRemoved);
        Assert.Equal(TaskEndReason.Cancelled, Assert.Single(fired.TasksEnded).Reason);
        Assert.Equal("Task_Escalate", Assert.Single(fired.TasksCreated).ElementId);
        Assert.Empty(engine.Execute(state, new FireTimer(timer.Id)).History);
        Assert.Equal(CommandRejection.NotFound, Assert.Throws<WorkflowCommandException>(() => engine.Execute(state, new CompleteUserTask(task.Id))).Kind);
    }
}
