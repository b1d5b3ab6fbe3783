namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Event sub-processes: repeated non-interrupting starts, interrupting ones in embedded and called scopes, cycles that end with their scope.</summary>
public sealed class EventSubProcessTests
{
    [Fact]
    public void Non_interrupting_message_start_fires_for_every_message_and_the_process_waits_for_them()
    {
        var report = Sim.Simulate("""
            { "process": "EspRepeated", "variables": { "caseId": "c-1" },
              "steps": [
                { "message": "documentArrived", "correlationKey": "c-1" },
                { "message": "documentArrived", "correlationKey": "c-1" },
                { "message": "documentArrived", "correlationKey": "c-1" },
                { "expect": { "active": ["Task_Care", "Task_File"] } },
                { "complete": "Task_Care" },
                { "expect": { "ended": false, "active": ["Task_File"] } },
                { "complete": "Task_File" },
                { "complete": "Task_File" },
                { "expect": { "ended": false, "active": ["Task_File"] } },
                { "complete": "Task_File" },
                { "expect": { "ended": true, "active": [] } }
              ] }
            """, "event-subprocesses.bpmn").Passes();
        Assert.Equal(3, report.Count("Task_File", "task-created"));
        Assert.Equal(3, report.Count("Esp_Document", "element-completed"));
    }

    [Fact]
    public void Interrupting_event_sub_process_inside_a_sub_process_cancels_only_that_sub_process()
    {
        var report = Sim.Simulate("""
            { "process": "EspInSubProcess", "variables": { "caseId": "c-1" },
              "steps": [
                { "expect": { "active": ["Task_Match", "Task_School"] } },
                { "advance": "P1D" },
                { "message": "childMoved", "correlationKey": "c-1" },
                { "expect": { "active": ["Task_Relocate", "Task_School"] } },
                { "advance": "P20D" },
                { "expect": { "active": ["Task_Relocate", "Task_School"] } },
                { "complete": "Task_Relocate" },
                { "expect": { "active": ["Task_AfterPlacement", "Task_School"], "completed": ["Sub_Placement"] } },
                { "complete": "Task_School" },
                { "complete": "Task_AfterPlacement" },
                { "expect": { "ended": true } }
              ] }
            """, "event-subprocesses.bpmn").Passes();
        Assert.Equal(1, report.Count("Match_Reminder", "timer-fired"));
        Assert.Equal(0, report.Count("Start_Weekly", "timer-fired"));
        Assert.False(report.Variables.ContainsKey("checks"));
    }

    [Fact]
    public void Timer_cycle_of_an_event_sub_process_stops_when_its_scope_ends() => Sim.Simulate("""
        { "process": "EspInSubProcess", "variables": { "caseId": "c-1" },
          "steps": [
            { "advance": "P7D" },
            { "expect": { "variables": { "checks": 1 } } },
            { "advance": "P7D" },
            { "expect": { "variables": { "checks": 2 } } },
            { "complete": "Task_Match" },
            { "expect": { "active": ["Task_AfterPlacement", "Task_School"] } },
            { "advance": "P60D" },
            { "expect": { "variables": { "checks": 2 } } }
          ] }
        """, "event-subprocesses.bpmn").Passes();

    [Fact]
    public void Event_sub_process_of_a_called_process_ends_the_child_and_the_parent_goes_on() => Sim.Simulate("""
        { "process": "EspCaller", "variables": { "caseId": "c-9" },
          "steps": [
            { "expect": { "active": ["Call_Stay"], "tasks": [{ "id": "Task_Stay" }] } },
            { "message": "childMoved", "correlationKey": "c-9" },
            { "expect": { "active": ["Task_AfterStay"], "variables": { "stayOutcome": "moved" } } }
          ] }
        """, "event-subprocesses.bpmn").Passes();
}
