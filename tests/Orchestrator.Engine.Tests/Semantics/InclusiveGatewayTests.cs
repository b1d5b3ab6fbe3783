namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>
/// Inclusive joins wait for exactly the tokens that can still arrive (loops, boundaries, nesting, scopes). A join holding
/// a token is not in <c>active</c> (it waits for nothing outside the instance); <c>notCompleted</c> shows it has not fired.
/// </summary>
public sealed class InclusiveGatewayTests
{
    [Fact]
    public void Join_waits_for_a_branch_that_loops_back_before_reaching_it() => Sim.Simulate("""
        { "process": "InclusiveLoop", "variables": { "visit": true },
          "steps": [
            { "expect": { "active": ["Task_Draft", "Task_Visit"] } },
            { "complete": "Task_Visit" },
            { "expect": { "active": ["Task_Draft"], "notCompleted": ["Join_IL"] } },
            { "complete": "Task_Draft", "variables": { "redo": true } },
            { "expect": { "active": ["Task_Draft"], "notCompleted": ["Join_IL"] } },
            { "complete": "Task_Draft", "variables": { "redo": false } },
            { "expect": { "active": ["Task_Decide"], "completed": ["Join_IL"] } },
            { "complete": "Task_Decide" },
            { "expect": { "ended": true } }
          ] }
        """, "inclusive.bpmn").Passes();

    [Fact]
    public void Join_fires_once_when_only_the_looping_branch_was_taken()
    {
        var report = Sim.Simulate("""
            { "process": "InclusiveLoop", "variables": { "visit": false },
              "steps": [
                { "complete": "Task_Draft", "variables": { "redo": true } },
                { "complete": "Task_Draft", "variables": { "redo": false } },
                { "expect": { "active": ["Task_Decide"] } }
              ] }
            """, "inclusive.bpmn").Passes();
        Assert.Equal(1, report.Count("Join_IL", "element-completed"));
    }

    [Fact]
    public void Join_after_an_exclusive_split_passes_the_one_token() => Sim.Simulate("""
        { "process": "InclusiveAfterExclusive", "variables": { "path": "a" },
          "steps": [
            { "expect": { "active": ["Task_IXA"] } },
            { "complete": "Task_IXA" },
            { "expect": { "active": ["Task_IXDone"], "notCompleted": ["Task_IXB"] } }
          ] }
        """, "inclusive.bpmn").Passes();

    [Fact]
    public void Nested_fork_and_join_each_wait_for_their_own_tokens() => Sim.Simulate("""
        { "process": "InclusiveNested",
          "steps": [
            { "expect": { "active": ["Task_INA", "Task_INB", "Task_INC"] } },
            { "complete": "Task_INC" },
            { "expect": { "active": ["Task_INA", "Task_INB"], "notCompleted": ["Outer_Join"] } },
            { "complete": "Task_INA" },
            { "expect": { "active": ["Task_INB"], "notCompleted": ["Inner_Join", "Outer_Join"] } },
            { "complete": "Task_INB" },
            { "expect": { "active": ["Task_INDone"], "completed": ["Inner_Join", "Outer_Join"] } }
          ] }
        """, "inclusive.bpmn").Passes();

    [Fact]
    public void Join_inside_a_sub_process_ignores_tokens_outside_it() => Sim.Simulate("""
        { "process": "InclusiveInSubProcess",
          "steps": [
            { "expect": { "active": ["Task_Outside", "Task_SubA", "Task_SubB"] } },
            { "complete": "Task_SubA" },
            { "expect": { "active": ["Task_Outside", "Task_SubB"], "notCompleted": ["Sub_Join"] } },
            { "complete": "Task_SubB" },
            { "expect": { "active": ["Task_AfterSub", "Task_Outside"], "completed": ["Sub_Assess"] } },
            { "complete": "Task_AfterSub" },
            { "complete": "Task_Outside" },
            { "expect": { "ended": true } }
          ] }
        """, "inclusive.bpmn").Passes();

    [Fact]
    public void Join_waits_for_a_branch_diverted_by_an_interrupting_boundary_that_still_leads_to_it() => Sim.Simulate("""
        { "process": "InclusiveBoundaryBranch",
          "steps": [
            { "complete": "Task_School" },
            { "expect": { "active": ["Task_Consulate"], "notCompleted": ["Join_IB"] } },
            { "advance": "P30D" },
            { "expect": { "active": ["Task_Chase"], "notCompleted": ["Join_IB", "Task_Consulate"] } },
            { "complete": "Task_Chase" },
            { "expect": { "active": ["Task_IBDone"], "completed": ["Join_IB"] } }
          ] }
        """, "inclusive.bpmn").Passes();
}
