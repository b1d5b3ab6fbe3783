using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

public class MoreActivityTests
{
    [Fact]
    public void Non_interrupting_message_boundary_fires_each_time_and_interrupting_one_cancels() => Run(["message-boundary.bpmn"], rt =>
    {
        var id = rt.StartInstance("MessageBoundary", Vars("""{"caseId":"c-4","owner":"ana"}"""));
        Assert.Equal(["ana", "deputy"], rt.Task("Task_Study").CandidateUsers);
        Assert.Equal([id], rt.CorrelateMessage("infoRequested", "c-4"));
        Assert.Equal([id], rt.CorrelateMessage("infoRequested", "c-4"));
        Assert.Equal(2, rt.OpenTasks(id).Count(t => t.ElementId == "Task_AnswerInfo"));
        rt.AssertActive(id, "Task_AnswerInfo", "Task_Study");

        Assert.Equal([id], rt.CorrelateMessage("caseWithdrawn", "c-4"));
        Assert.DoesNotContain(rt.OpenTasks(id), t => t.ElementId == "Task_Study");
        Assert.Empty(rt.CorrelateMessage("infoRequested", "c-4"));
        foreach (var t in rt.OpenTasks(id))
        {
            rt.CompleteTask(t.Id);
        }

        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(id).Status);
    });

    [Fact]
    public void Input_and_output_mappings_keep_handler_variables_local() => Run(["mappings.bpmn"], rt =>
    {
        JsonObject? seen = null;
        rt.Handlers.Register("lookup", ctx =>
        {
            seen = ctx.Variables;
            return JobOutcome.Complete(Vars("""{"found":true,"internal":42}"""));
        });
        var id = rt.StartInstance("Mappings", Vars("""{"child":{"name":"Leo"}}"""));
        Assert.Equal("Leo", seen!["who"]!.GetValue<string>());
        Assert.Equal("south", seen["region"]!.GetValue<string>());
        var vars = rt.GetInstance(id).Variables;
        Assert.True(vars["familyFound"]!.GetValue<bool>());
        Assert.False(vars.ContainsKey("found"));
        Assert.False(vars.ContainsKey("internal"));
        Assert.False(vars.ContainsKey("who"));

        // Three parallel attempts, each a scope with its own "attempt"; two completions are enough.
        var calls = rt.OpenTasks(id);
        Assert.Equal(3, calls.Count);
        var locals = rt.GetInstance(id).Executions.Where(e => e.Element == "Sub_Attempts" && e.Mi == MultiInstanceRole.Inner)
            .Select(e => e.Vars!["attempt"]!.GetValue<int>()).ToList();
        Assert.Equal([2, 3, 4], locals);
        Assert.False(rt.GetInstance(id).Variables.ContainsKey("attempt"));
        rt.CompleteTask(calls[0].Id);
        rt.CompleteTask(calls[2].Id);
        rt.AssertActive(id, "Task_Final");
        Assert.Equal(1, rt.Count(HistoryEventType.TaskCancelled, "Task_Call"));
    });

    [Fact]
    public void Parallel_multi_instance_call_activity_collects_child_results() => Run(["call-child.bpmn", "mi-call.bpmn"], rt =>
    {
        var id = rt.StartInstance("MiCall", Vars("""{"siblings":["Ana","Leo"]}"""));
        var children = rt.InstanceIds.Where(i => i != id).ToList();
        Assert.Equal(2, children.Count);
        Assert.Equal("Leo", rt.Var(children[1], "patient")!.GetValue<string>());
        rt.Complete("Task_Examine", Vars("""{"fit":false}"""), children[1]);
        rt.Complete("Task_Examine", Vars("""{"fit":true}"""), children[0]);
        rt.AssertActive(id, "Task_Summary");
        Assert.Equal("[true,false]", rt.Var(id, "results")!.ToJsonString());
    });

    [Fact]
    public void Boundary_timer_on_a_multi_instance_call_activity_cancels_every_child() => Run(["call-child.bpmn", "mi-call.bpmn"], rt =>
    {
        var id = rt.StartInstance("MiCall", Vars("""{"siblings":["Ana","Leo","Eva"]}"""));
        var children = rt.InstanceIds.Where(i => i != id).ToList();
        rt.Complete("Task_Examine", Vars("""{"fit":true}"""), children[0]);
        rt.Advance(TimeSpan.FromDays(20));
        rt.AssertActive(id, "Task_Late");
        Assert.Equal(InstanceStatus.Completed, rt.GetInstance(children[0]).Status);
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(children[1]).Status);
        Assert.Equal(InstanceStatus.Cancelled, rt.GetInstance(children[2]).Status);
        Assert.Single(rt.OpenTasks());
    });

    [Fact]
    public void Pinned_version_is_called_even_after_a_new_deployment() => Run(["call-child-error.bpmn"], rt =>
    {
        var v2 = rt.Deploy(Fixture("call-child-error.bpmn").Replace("Ask for consent", "Ask for written consent", StringComparison.Ordinal), "call-child-error.bpmn");
        Assert.All(v2, d => Assert.Equal(2, d.Version));
        var parent = rt.StartInstance("ConsentJourney");
        Assert.Equal(2, rt.GetInstance(parent).Version);
        var child = Assert.Single(rt.InstanceIds, i => i != parent);
        Assert.Equal(1, rt.GetInstance(child).Version);
        Assert.Equal("Ask for consent", rt.Task("Task_AskConsent").Name);
    });
}
