using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// The timers' multi-node proof, literally: two service processes (the real executable) on one PostgreSQL; 1,000 timers due within
/// the same minute; one process is SIGKILLed while they fire; every timer fires exactly once (timer rows, started
/// instances and history), the killed process's share included.
/// <para>
/// The timers are timer-start rows written in bulk before the first process starts, as a database filled by an import
/// would be: the processes' reconciliation sweeps bring them into Hangfire as they come within two sweep periods of
/// their due time, and whichever node's Hangfire worker takes a job fires it. A job the killed process had fetched is
/// taken over after <c>Scheduling:TakeOverAfter</c> (30 s by default), which the 90-s wait for the rest covers.
/// </para>
/// </summary>
[Collection(SchedulingTimingGroup.Name)]
public sealed partial class TwoProcessTimerTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Count = 1_000;
    private const string Key = "two-process-load-key-0123456789";

    // The seeded rows are this process's start timers (version 1, Start_Bulk), so deploying it plans none of its own.
    private const string Bulk = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:tests:scheduling" id="Defs_Bulk">
          <bpmn:process id="Bulk" name="Monthly file review" isExecutable="true">
            <bpmn:startEvent id="Start_Bulk">
              <bpmn:timerEventDefinition id="TimerDef_Bulk"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2099-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:userTask id="Task_Review" name="Review the file" orc:candidateGroups="coordinator" />
            <bpmn:endEvent id="End_Bulk" />
            <bpmn:sequenceFlow id="B1" sourceRef="Start_Bulk" targetRef="Task_Review" />
            <bpmn:sequenceFlow id="B2" sourceRef="Task_Review" targetRef="End_Bulk" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private TestDatabase? _database;
    private string? _root;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreatePostgresAsync(server, nameof(TwoProcessTimerTests));

        // Migrated once here, so the two processes do not race to migrate the same database.
        await _database.MigrateAsync();
        _root = Path.Combine(Path.GetTempPath(), "orchestrator-two-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", "bulk.bpmn"), Bulk);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ServiceProcess StartService() => ServiceProcess.Start(_root!, new Dictionary<string, string>
    {
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Orchestrator"] = _database!.ConnectionString,
        ["Security__SeedDemoAccounts"] = "false",
        ["Security__ApiKeys__0__Name"] = "load",
        ["Security__ApiKeys__0__Key"] = Key,
        ["Security__ApiKeys__0__Roles__0"] = "coordinator",
        ["Logging__LogLevel__Default"] = "Warning",
    });

    [Fact]
    public async Task Two_service_processes_fire_each_of_1000_timers_due_in_one_minute_exactly_once_while_one_is_killed()
    {
        // 1,000 timers due over 20 s of one minute, far enough ahead for both processes to be up (start-up here takes
        // 15-45 s under load); written in one transaction.
        var clock = Stopwatch.StartNew();
        var minute = DateTimeOffset.UtcNow.AddSeconds(75);
        await using (var db = _database!.CreateContext())
        {
            await PendingTimerSeeder.InsertAsync(db, Count, minute, TimeSpan.FromMilliseconds(20_000.0 / Count));
        }

        var seeding = clock.Elapsed;
        await using var a = StartService();
        await a.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        await using var b = StartService();
        await b.WaitHealthyAsync(TimeSpan.FromSeconds(120));
        var startup = clock.Elapsed;
        Assert.True(DateTimeOffset.UtcNow < minute, $"the two processes took {startup.TotalSeconds:0.0} s to start: the timers fell due before both ran");
        var last = minute.AddSeconds(20);

        // Kill A once a third has fired and A has fired its share of them.
        // (The wait starts now; the timers start falling due only at the minute.)
        await Eventually.HoldsAsync(async () => await FiredAsync() >= Count / 3 && await FiredHereAsync(a) >= 20, minute - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60), "a third of the timers fire, some on A");
        var firedByA = await FiredHereAsync(a);
        var bBeforeKill = await FiredHereAsync(b);
        a.Kill();
        var firedAtKill = await FiredAsync();

        try
        {
            await Eventually.HoldsAsync(async () => await FiredAsync() == Count, TimeSpan.FromSeconds(90), "process B fires the rest");
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}: {await FiredAsync()} of {Count} fired; process B output:{Environment.NewLine}{b.Output}");
        }

        var firedByB = await FiredHereAsync(b);
        Assert.True(firedByB > bBeforeKill, "process B fired after A was killed");
        Assert.True(firedAtKill < Count, "A was killed after every timer had fired");
        await AssertEachFiredOnceAsync();
        output.WriteLine($"[scheduling] Hangfire, 2 processes: {Count} timers seeded in {seeding.TotalSeconds:0.0} s, both processes up at {startup.TotalSeconds:0.0} s, "
            + $"timers due {minute:HH:mm:ss}-{last:HH:mm:ss}; A fired {firedByA} and was killed at {firedAtKill} fired; B fired {firedByB} "
            + $"(its count includes re-runs of A's in-flight firings, which are no-ops); all fired by {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task<int> FiredAsync()
    {
        await using var db = _database!.CreateContext();
        return await db.Timers.AsNoTracking().CountAsync(t => t.Status == TimerStatuses.Fired);
    }

    /// <summary>The "N timers fired here" of a process's scheduler health check.</summary>
    private static async Task<int> FiredHereAsync(ServiceProcess service)
    {
        using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var health = await client.GetStringAsync("/health");
        var match = FiredHere().Match(health);
        Assert.True(match.Success, health);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task AssertEachFiredOnceAsync()
    {
        await using var db = _database!.CreateContext();
        var timers = await db.Timers.AsNoTracking().Where(t => t.ProcessId == "Bulk").GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal([(TimerStatuses.Fired, Count)], timers.Select(t => (t.Key, t.Count)));

        // Each firing claims its row and starts its instance in one transaction: 1,000 instances, no more, no fewer.
        Assert.Equal(Count, await db.Instances.AsNoTracking().CountAsync(i => i.ProcessId == "Bulk"));
        Assert.Equal(Count, await db.Tasks.AsNoTracking().CountAsync(t => t.ElementId == "Task_Review"));
        Assert.Equal(Count, await db.History.AsNoTracking().CountAsync(h => h.ElementId == "Bulk" && h.Type == "InstanceStarted"));
    }

    [GeneratedRegex(@"(\d+) timers fired here")]
    private static partial Regex FiredHere();
}
