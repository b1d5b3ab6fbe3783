using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Semantics;

/// <summary>Timers: FEEL dates and durations, dates in the past, cancelled timers, cycles.</summary>
public sealed class TimerTests
{
    [Fact]
    public void Due_dates_from_feel_date_and_time_and_duration_variables()
    {
        var report = Sim.Simulate("""
            { "process": "TimerValues", "variables": { "deadline": "2026-01-10T09:00:00Z", "limit": "P3D" },
              "steps": [
                { "advance": "P2DT23H" },
                { "expect": { "active": ["Task_Hearing"] } },
                { "advance": "PT1H" },
                { "expect": { "active": ["Task_Hearing", "Task_Warn"] } },
                { "advance": "P6D" },
                { "expect": { "active": ["Task_Warn", "Wait_OneDay"] } },
                { "advance": "P1D" },
                { "expect": { "active": ["Task_Late", "Task_Warn"] } }
              ] }
            """, "timers.bpmn").Passes();
        Assert.Contains(report.Trace, t => t.Element == "Hearing_Limit" && t.Event == "timer-fired" && t.At == Sim.Start.AddDays(3));
        Assert.Contains(report.Trace, t => t.Element == "Hearing_Date" && t.Event == "timer-fired" && t.At == new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_date_in_the_past_fires_at_once_and_time_does_not_go_back()
    {
        var report = Sim.Simulate("""
            { "process": "TimerValues", "variables": { "deadline": "2025-06-01T00:00:00Z", "limit": "P3D" },
              "steps": [
                { "expect": { "active": ["Wait_OneDay"] } },
                { "advance": "PT23H" },
                { "expect": { "active": ["Wait_OneDay"] } },
                { "advance": "PT1H" },
                { "expect": { "active": ["Task_Late"] } }
              ] }
            """, "timers.bpmn").Passes();
        Assert.All(report.Trace, t => Assert.True(t.At >= Sim.Start, $"{t.Element} {t.Event} at {t.At:O}, before the start"));
        Assert.Contains(report.Trace, t => t.Element == "Wait_OneDay" && t.Event == "timer-fired" && t.At == Sim.Start.AddDays(1));
    }

    [Fact]
    public void Timers_of_a_completed_task_never_fire()
    {
        var report = Sim.Simulate("""
            { "process": "TimerValues", "variables": { "deadline": "2026-01-10T09:00:00Z", "limit": "P3D" },
              "steps": [
                { "complete": "Task_Hearing" },
                { "advance": "P400D" },
                { "expect": { "active": ["Task_TVDone"], "notCompleted": ["Hearing_Date", "Hearing_Limit"] } }
              ] }
            """, "timers.bpmn").Passes();
        Assert.DoesNotContain(report.Trace, t => t.Event == "timer-fired");
    }

    [Fact]
    public void R3_P2D_fires_exactly_three_times_then_the_deadline()
    {
        var report = Sim.Simulate("""
            { "process": "TimerCycles",
              "steps": [
                { "advance": "P6D" },
                { "expect": { "active": ["Task_Report"], "variables": { "reminders": 3 } } },
                { "advance": "P1D" },
                { "expect": { "active": ["Task_Overdue"] } },
                { "advance": "P30D" },
                { "expect": { "variables": { "reminders": 3 } } }
              ] }
            """, "timers.bpmn").Passes();
        Assert.Equal(3, report.Count("Report_Reminder", "timer-fired"));
        Assert.Equal([Sim.Start.AddDays(2), Sim.Start.AddDays(4), Sim.Start.AddDays(6)],
            report.Trace.Where(t => t.Element == "Report_Reminder" && t.Event == "timer-fired").Select(t => t.At));
    }

    [Fact]
    public void A_cycle_stops_when_its_activity_completes()
    {
        var report = Sim.Simulate("""
            { "process": "TimerCycles",
              "steps": [
                { "advance": "P3D" },
                { "complete": "Task_Report" },
                { "advance": "P60D" },
                { "expect": { "active": ["Task_Read"], "variables": { "reminders": 1 }, "notCompleted": ["Report_Deadline"] } }
              ] }
            """, "timers.bpmn").Passes();
        Assert.Equal(1, report.Count("Report_Reminder", "timer-fired"));
    }

    [Fact]
    public void A_boundary_timer_can_use_the_input_mappings_of_its_activity() => Sim.Simulate("""
        { "process": "TimerFromInput", "variables": { "urgent": true },
          "steps": [
            { "expect": { "active": ["Task_Urgent"], "incidents": [] } },
            { "advance": "PT23H" },
            { "expect": { "active": ["Task_Urgent"] } },
            { "advance": "PT1H" },
            { "expect": { "active": ["Task_UrgentLate"] } }
          ] }
        """, "timers.bpmn").Passes();

    [Fact]
    public void Two_timers_due_at_the_same_instant_fire_in_the_order_they_were_scheduled() => Sim.Run(["timers.bpmn"], rt =>
    {
        // The interrupting date timer is attached first, so at day 3 it wins and the non-interrupting one never fires.
        var id = rt.StartInstance("TimerValues", Sim.Vars("""{"deadline":"2026-01-04T09:00:00Z","limit":"P3D"}"""));
        rt.Advance(TimeSpan.FromDays(3));
        rt.AssertActive(id, "Wait_OneDay");
        Assert.Equal(1, rt.Count(HistoryEventType.TimerFired, "Hearing_Date"));
        Assert.Equal(0, rt.Count(HistoryEventType.TimerFired, "Hearing_Limit"));
        Assert.Equal(1, rt.Count(HistoryEventType.TimerCancelled, "Hearing_Limit"));
    });

    [Fact]
    public void A_cycle_that_fires_late_fires_once_for_the_occurrences_it_missed_and_keeps_its_grid() => Sim.Run(["timers.bpmn"], rt =>
    {
        // The host was down from day 1 to day 5: the reminders of days 2 and 4 are overdue when it comes back.
        var id = rt.StartInstance("TimerCycles");
        rt.Clock.SetUtcNow(Sim.Start.AddDays(5));
        rt.Pump();
        Assert.Equal(1, rt.Count(HistoryEventType.TimerFired, "Report_Reminder"));
        Assert.Equal(1, rt.GetInstance(id).Variables["reminders"]!.GetValue<int>());
        var next = Assert.Single(rt.PendingTimers, t => t.Due == Sim.Start.AddDays(6));
        rt.Advance(TimeSpan.FromDays(30));
        Assert.Equal(2, rt.Count(HistoryEventType.TimerFired, "Report_Reminder"));
        rt.AssertActive(id, "Task_Overdue");
        Assert.NotNull(next.Id);
    });

    [Fact]
    public void A_weekly_start_timer_that_fires_late_starts_one_instance_not_one_per_missed_week() => Sim.Run(["../Execution/weekly-meeting.bpmn"], rt =>
    {
        rt.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 27, 9, 0, 0, TimeSpan.Zero)); // down from 1 to 27 January
        rt.Pump();
        Assert.Single(rt.InstanceIds);
        rt.AdvanceTo(new DateTimeOffset(2026, 2, 2, 8, 59, 0, TimeSpan.Zero));
        Assert.Single(rt.InstanceIds);
        rt.Advance(TimeSpan.FromMinutes(1)); // Monday 2 February 09:00, on the original grid
        Assert.Equal(2, rt.InstanceIds.Count);
    });
}
