using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;
using Orchestrator.Engine.Runtime.Timers;
using static Orchestrator.Engine.Tests.Execution.Scenario;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>
/// Date-times without an offset are wall-clock time in <see cref="EngineOptions.TimeZone"/> (default America/Mexico_City,
/// which has kept UTC-6 all year since 2022); America/New_York shows the daylight saving rules are applied.
/// </summary>
public class TimeZoneTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_zone_is_Mexico_City() => Run(["task-reminders.bpmn"], rt =>
    {
        Assert.Equal("America/Mexico_City", rt.Engine.Options.TimeZone);
        var id = rt.StartInstance("LocalDates");
        var task = rt.Task("Task_Hearing");
        Assert.Equal(Utc(7, 1, 15), task.Due);
        Assert.Equal(Utc(3, 9, 6), task.FollowUp);
        var timers = rt.GetInstance(id).Timers;
        Assert.Equal(Utc(3, 9, 15), Assert.Single(timers, t => t.Purpose == TimerPurpose.Escalation).Due);
        Assert.Equal(Utc(3, 8, 8, 30), Assert.Single(timers, t => t.Element == "Hearing_Date").Due);
    });

    [Fact]
    public void New_York_applies_daylight_saving_time() => Run(["task-reminders.bpmn"], rt =>
    {
        var id = rt.StartInstance("LocalDates");
        var task = rt.Task("Task_Hearing");
        Assert.Equal(Utc(7, 1, 13), task.Due); // EDT, UTC-4
        Assert.Equal(Utc(3, 9, 4), task.FollowUp); // midnight the day after the change, EDT
        var timers = rt.GetInstance(id).Timers;
        Assert.Equal(Utc(3, 9, 13), Assert.Single(timers, t => t.Purpose == TimerPurpose.Escalation).Due);

        // 02:30 on 8 March 2026 does not exist in New York (clocks go from 02:00 EST to 03:00 EDT): it moves forward by the gap.
        Assert.Equal(Utc(3, 8, 7, 30), Assert.Single(timers, t => t.Element == "Hearing_Date").Due);
        rt.AdvanceTo(Utc(3, 9, 13) - TimeSpan.FromMinutes(1));
        Assert.Empty(rt.Notifications);
        rt.AdvanceTo(Utc(3, 9, 13));
        Assert.Equal(Utc(3, 9, 13), Assert.Single(rt.Notifications).Due);
    }, new EngineOptions { TimeZone = "America/New_York" });

    [Theory]
    [InlineData("2026-01-15T09:00:00", "2026-01-15T14:00:00Z")] // EST
    [InlineData("2026-07-15T09:00:00", "2026-07-15T13:00:00Z")] // EDT
    [InlineData("2026-11-01T01:30:00", "2026-11-01T05:30:00Z")] // happens twice: the earlier, EDT
    [InlineData("2026-03-10", "2026-03-10T04:00:00Z")] // a date: its midnight
    [InlineData("2026-01-15T09:00:00Z", "2026-01-15T09:00:00Z")] // an offset wins
    [InlineData("2026-01-15T09:00:00+01:00", "2026-01-15T08:00:00Z")]
    [InlineData("2026-01-15T09:00:00-03:00", "2026-01-15T12:00:00Z")]
    public void Date_times_without_offset_are_wall_clock_time_in_the_zone(string text, string expected)
    {
        Assert.True(IsoTimer.TryParseDateTime(text, NewYork, out var at));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);

        // Without a zone (what the validator uses) the same text is read as UTC.
        Assert.True(IsoTimer.TryParseDateTime(text, out var utc));
        var hasOffset = text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.EndsWith("-03:00", StringComparison.Ordinal);
        Assert.Equal(hasOffset ? at : at + NewYork.GetUtcOffset(at), utc);
    }

    [Fact]
    public void A_cycle_start_without_offset_is_kept_as_an_instant()
    {
        Assert.True(TimerMath.TryPlan(TimerKind.Cycle, "R3/2026-03-07T09:00:00/P1D", Utc(1, 1, 9), NewYork, out var plan, out var error), error);
        Assert.Equal(Utc(3, 7, 14), plan.Due);
        Assert.Equal(2, plan.Repeat);
        Assert.True(IsoTimer.TryParseCycle(plan.Cycle, out var kept));
        Assert.Equal(Utc(3, 7, 14), kept.Start);

        // The kept text gives the same schedule to a reader with no zone (the host computing the next start).
        Assert.Equal(Utc(3, 8, 14), TimerMath.Next(plan.Cycle!, plan.Due, plan.Repeat));
    }

    [Fact]
    public void An_unknown_zone_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkflowEngine(new DefinitionRepository(), TimeProvider.System, new EngineOptions { TimeZone = "Mars/Olympus_Mons" }));
        Assert.Contains("Mars/Olympus_Mons", e.Message, StringComparison.Ordinal);
    }
}
