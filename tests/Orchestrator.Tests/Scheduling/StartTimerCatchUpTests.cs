using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// A timer start event's cycle after downtime (virtual clock): the overdue occurrence fires once as the catch-up for
/// every occurrence that passed, and the next one planned is the first after now, never a burst of past ones.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the harness through IAsyncLifetime.DisposeAsync.
public sealed class StartTimerCatchUpTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string WeeklyMeeting = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:tests:scheduling" id="Defs_Meeting">
          <bpmn:process id="CaseMeeting" name="Weekly case meeting" isExecutable="true">
            <bpmn:startEvent id="Start_Meeting">
              <bpmn:timerEventDefinition id="TimerDef_Meeting"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/2026-01-05T09:00:00Z/P7D</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:userTask id="Task_Minutes" name="Write the minutes" orc:candidateGroups="coordinator" />
            <bpmn:endEvent id="End_Meeting" />
            <bpmn:sequenceFlow id="M1" sourceRef="Start_Meeting" targetRef="Task_Minutes" />
            <bpmn:sequenceFlow id="M2" sourceRef="Task_Minutes" targetRef="End_Meeting" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly DateTimeOffset FirstMeeting = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private WorkflowHarness _harness = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _harness = new WorkflowHarness(_database);
        await _harness.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task After_four_weeks_of_downtime_a_weekly_meeting_starts_once_and_the_next_is_the_first_after_now()
    {
        await _harness.Service().DeployAsync(WeeklyMeeting, "meeting.bpmn", Actors.Designer, CancellationToken.None);
        var first = Assert.Single(await _harness.Service().ListPendingTimersAsync(10, CancellationToken.None));
        Assert.Equal(FirstMeeting, first.Due);

        // The service was down from before the first meeting until Tuesday of the fifth week: five occurrences
        // (5, 12, 19, 26 January, 2 February) passed.
        var restart = new DateTimeOffset(2026, 2, 3, 10, 30, 0, TimeSpan.Zero);
        _harness.Clock.Set(restart);

        // Fire every timer that is due now, as the scheduler does at start-up, until none is left.
        var firings = 0;
        while (true)
        {
            var due = (await _harness.Service().ListPendingTimersAsync(10, CancellationToken.None)).Where(t => t.Due <= restart).ToList();
            if (due.Count == 0 || firings > 10)
            {
                break;
            }

            foreach (var timer in due)
            {
                Assert.True(await _harness.Service().FireTimerAsync(timer.Id, CancellationToken.None));
                firings++;
            }
        }

        Assert.Equal(1, firings);
        await using var db = _harness.Db();
        Assert.Equal(1, await db.Instances.CountAsync(i => i.ProcessId == "CaseMeeting"));
        var next = Assert.Single(await _harness.Service().ListPendingTimersAsync(10, CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 2, 9, 9, 0, 0, TimeSpan.Zero), next.Due);

        // On time again: the following occurrence is exactly one week later.
        _harness.Clock.Set(next.Due);
        Assert.True(await _harness.Service().FireTimerAsync(next.Id, CancellationToken.None));
        var after = Assert.Single(await _harness.Service().ListPendingTimersAsync(10, CancellationToken.None));
        Assert.Equal(next.Due.AddDays(7), after.Due);
        Assert.Equal(2, await db.Instances.CountAsync(i => i.ProcessId == "CaseMeeting"));
        Assert.Equal(2, await db.Timers.CountAsync(t => t.InstanceId == null && t.Status == TimerStatuses.Fired));
    }
}
