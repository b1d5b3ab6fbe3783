namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Message correlation: key types, scopes, races with timers, several instances.</summary>
public sealed class MessageTests
{
    [Fact]
    public void A_number_key_matches_the_same_key_sent_as_text_by_a_receive_task_in_a_sub_process() => Sim.Simulate("""
        { "process": "MessageKeys", "variables": { "caseNumber": 42 },
          "steps": [
            { "expect": { "active": ["Receive_Court"] } },
            { "message": "courtDecision", "correlationKey": "42", "variables": { "decision": "foster care" } },
            { "expect": { "active": ["Task_MKDone"], "completed": ["Sub_Court"], "variables": { "decision": "foster care" } } }
          ] }
        """, "messages.bpmn").Passes();

    [Fact]
    public void A_whole_decimal_key_is_written_as_an_integer() => Sim.Simulate("""
        { "process": "MessageKeys", "variables": { "caseNumber": 42.0 },
          "steps": [
            { "message": "courtDecision", "correlationKey": "42" },
            { "expect": { "active": ["Task_MKDone"] } }
          ] }
        """, "messages.bpmn").Passes();

    [Fact]
    public void A_key_that_evaluates_to_null_is_an_incident_and_matches_no_message()
    {
        var report = Sim.Simulate("""
            { "process": "MessageKeys",
              "steps": [
                { "expect": { "incidents": ["Receive_Court"] } },
                { "message": "courtDecision", "correlationKey": "42" },
                { "expect": { "active": ["Receive_Court"] } }
              ] }
            """, "messages.bpmn");
        Assert.Equal(["step 2: message courtDecision (correlation key 42) was not correlated: nothing waits for it"], report.Failures);
    }

    [Fact]
    public void A_message_after_the_timer_won_the_event_based_gateway_is_not_taken()
    {
        var report = Sim.Simulate("""
            { "process": "MessageRace", "variables": { "caseId": "c-1" },
              "steps": [
                { "advance": "P10D" },
                { "expect": { "active": ["Task_Chase"] } },
                { "message": "consulateReply", "correlationKey": "c-1" },
                { "expect": { "active": ["Task_Chase"], "notCompleted": ["Catch_Reply"] } }
              ] }
            """, "messages.bpmn");
        Assert.Equal(["step 3: message consulateReply (correlation key c-1) was not correlated: nothing waits for it"], report.Failures);
        Assert.DoesNotContain(report.Trace, t => t.Element == "Task_ReadReply");
    }

    [Fact]
    public void Two_instances_waiting_for_the_same_message_get_only_their_own() => Sim.Run(["messages.bpmn"], rt =>
    {
        var a = rt.StartInstance("MessageKeys", Sim.Vars("""{"caseNumber":1}"""));
        var b = rt.StartInstance("MessageKeys", Sim.Vars("""{"caseNumber":2}"""));
        Assert.Equal([b], rt.CorrelateMessage("courtDecision", "2"));
        rt.AssertActive(a, "Receive_Court");
        rt.AssertActive(b, "Task_MKDone");
        Assert.Empty(rt.CorrelateMessage("courtDecision", "2"));
        Assert.Equal([a], rt.CorrelateMessage("courtDecision", "1"));
    });
}
