using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Hosting;
using Orchestrator.Supervision;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Supervision;

/// <summary>
/// The supervision services on a real database, the same on SQLite and PostgreSQL: instances counted per element and
/// version, incidents, the waiting instances a page at a time, the path an instance took, deadlines at risk with their
/// filters and pages, the audit without values, a cancellation's reason.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the harness through IAsyncLifetime.DisposeAsync.
public abstract class SupervisionServiceTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private TestDatabase _database = null!;
    private WorkflowHarness _h = null!;

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new, migrated database for one test.</summary>
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _h = new WorkflowHarness(_database);
        await _h.InitializeAsync();

        // The registry check fails until someone repairs the instance's registryId.
        _h.Handlers.Register("check", c => c.Variables["registryId"] is null ? JobOutcome.Fail("check: registryId: missing") : JobOutcome.Complete());
        await DeployAsync(Watch);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string Watch => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Supervision", "Fixtures", "watch.bpmn"));

    private Task<IReadOnlyList<DeploymentOutcome>> DeployAsync(string xml) => _h.Service().DeployAsync(xml, "watch.bpmn", Actors.Designer, Ct);

    private JourneyMonitor Monitor()
    {
        var (service, db) = _h.ServiceWithDb();
        return new JourneyMonitor(db, _h.Runtime, service, _h.Clock);
    }

    private DeadlineWatch Deadlines() => new(_h.Db(), _h.Runtime, _h.Clock, Options.Create(new OrganisationOptions()));

    private AuditTrail Audit() => new(_h.Db(), _h.Clock, Options.Create(new OrganisationOptions()));

    private Task<string> StartAsync(string reference) => _h.Service().StartAsync("Watch", null, reference, Actors.Coordinator, Ct);

    private async Task<string> TaskOfAsync(string instanceId) =>
        Assert.Single(await _h.Service().ListTasksAsync(new TaskQuery(instanceId), Actors.Coordinator, Ct)).Id;

    private async Task RouteAsync(string instanceId, string route) =>
        await _h.Service().CompleteAsync(await TaskOfAsync(instanceId), new JsonObject { ["route"] = route }, Actors.Coordinator, Ct);

    [Fact]
    public async Task The_overview_counts_the_instances_waiting_at_each_element_and_the_incidents_per_version()
    {
        var waiting = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            waiting.Add(await StartAsync($"CA-2026-000{i}"));
            _h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await RouteAsync(waiting[0], "check"); // the registry check fails: an incident at Service_Check
        await RouteAsync(waiting[1], "skip");

        var overview = await Monitor().GetOverviewAsync("Watch", null, Ct);
        Assert.Equal(1, overview.Version);
        Assert.Equal(4, overview.Running);
        Assert.Equal(
            [("Task_Intake", 2, 0), ("Service_Check", 1, 1), ("Task_Followup", 1, 0)],
            overview.Elements.Select(e => (e.ElementId, e.Waiting, e.Incidents)));
        Assert.Equal("Check the national registry", overview.Elements[1].Name);
        Assert.Equal("serviceTask", overview.Elements[1].Kind);

        var journey = Assert.Single(await Monitor().ListJourneysAsync(Ct));
        Assert.Equal(("Watch", 4, 1, 1), (journey.ProcessId, journey.Running, journey.Incidents, journey.LatestVersion));

        // A second version counts apart; the first keeps its instances.
        await DeployAsync(Watch.Replace("Watch a child's intake", "Watch a child's intake (v2)", StringComparison.Ordinal));
        await StartAsync("CA-2026-0005");
        var second = await Monitor().GetOverviewAsync("Watch", null, Ct);
        Assert.Equal((2, 1), (second.Version, second.Running));
        Assert.Equal([("Task_Intake", 1)], second.Elements.Select(e => (e.ElementId, e.Waiting)));
        Assert.Equal(4, (await Monitor().GetOverviewAsync("Watch", 1, Ct)).Running);
        Assert.Equal([2, 1], (await Monitor().ListJourneysAsync(Ct)).Single().Versions.Select(v => v.Version));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Monitor().GetOverviewAsync("Watch", 3, Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Monitor().GetOverviewAsync("Nothing", null, Ct));
    }

    [Fact]
    public async Task A_row_written_before_the_column_existed_is_counted_from_its_state_and_filled_in()
    {
        var id = await StartAsync("CA-2026-0001");
        await using (var db = _database.CreateContext())
        {
            await db.Instances.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ActiveElements, (string?)null));
        }

        var overview = await Monitor().GetOverviewAsync("Watch", 1, Ct);
        Assert.Equal([("Task_Intake", 1)], overview.Elements.Select(e => (e.ElementId, e.Waiting)));
        await using (var db = _database.CreateContext())
        {
            Assert.Equal("|Task_Intake|", await db.Instances.Where(i => i.Id == id).Select(i => i.ActiveElements).SingleAsync());
        }
    }

    [Fact]
    public async Task The_instances_at_an_element_come_a_page_at_a_time_oldest_first_with_their_incidents()
    {
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await StartAsync($"CA-2026-000{i}"));
            if (i % 2 == 0)
            {
                _h.Clock.Advance(TimeSpan.FromMinutes(1)); // two pairs start at the same instant: the id breaks the tie
            }
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Monitor().ListWaitingAsync("Watch", 1, "Task_Intake", after, 2, Ct);
            Assert.True(page.Instances.Count <= 2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            after = page.Next;
        }
        while (after is not null);
        Assert.Equal(ids.Order(StringComparer.Ordinal).Count(), seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5, seen.Count);

        await RouteAsync(ids[0], "check");
        var failing = Assert.Single((await Monitor().ListWaitingAsync("Watch", 1, "Service_Check", null, 10, Ct)).Instances);
        Assert.Equal((ids[0], "CA-2026-0001", true), (failing.InstanceId, failing.BusinessKey, failing.HasIncident));
        await Assert.ThrowsAsync<ArgumentException>(() => Monitor().ListWaitingAsync("Watch", 1, "Task_Intake", "not-a-cursor", 2, Ct));
    }

    [Fact]
    public async Task The_path_shades_the_flows_whose_source_completed_before_their_target_started()
    {
        var skipped = await StartAsync("CA-2026-0001");
        await RouteAsync(skipped, "skip");
        var path = await Monitor().PathAsync(skipped, Actors.Coordinator, Ct);
        Assert.Equal(["F_Route", "F_Skip", "F_Start"], path.TakenFlows);
        Assert.Equal(["Gateway_Route", "Start", "Task_Intake"], path.CompletedElements);

        // Through the failed check, repaired and retried: the check's flows are taken too.
        var checkedOne = await StartAsync("CA-2026-0002");
        await RouteAsync(checkedOne, "check");
        Assert.DoesNotContain("F_Checked", (await Monitor().PathAsync(checkedOne, Actors.Coordinator, Ct)).TakenFlows);
        await _h.Service().SetInstanceVariablesAsync(checkedOne, new JsonObject { ["registryId"] = "R-7" }, Actors.Coordinator, Ct);
        var incident = Assert.Single(await _h.Service().ListIncidentsAsync(Ct));
        await _h.Service().RetryIncidentAsync(incident.Id, Actors.Coordinator, Ct);
        var path2 = await Monitor().PathAsync(checkedOne, Actors.Coordinator, Ct);
        Assert.Equal(["F_Check", "F_Checked", "F_Route", "F_Start"], path2.TakenFlows);
        Assert.Equal(["Task_Followup"], (await _h.Service().GetInstanceAsync(checkedOne, Actors.Coordinator, Ct)).Active);
    }

    [Fact]
    public async Task Deadlines_list_tasks_and_timers_within_the_window_or_late_by_case_and_worker_a_page_at_a_time()
    {
        // The clock starts at 2026-01-01 09:00 UTC (03:00 in Mexico City): intake due on day 3, the limit on day 45. A
        // timer start event (a weekly meeting from 5 January) is no child's deadline and is never listed or counted.
        await _h.DeployFixtureAsync("weekly.bpmn");
        await using (var db = _database.CreateContext())
        {
            Assert.True(await db.Timers.AnyAsync(t => t.InstanceId == null && t.Status == "pending"));
        }

        var a = await StartAsync("CA-2026-0001");
        _h.Clock.Advance(TimeSpan.FromHours(1));
        var b = await StartAsync("CA-2026-0002");
        _h.Clock.Advance(TimeSpan.FromHours(1));
        await StartAsync("CA-2026-0003");

        var week = await Deadlines().ListAsync(new DeadlineQuery(), Ct);
        Assert.Equal((3, 0), (week.Total, week.Late));
        Assert.All(week.Items, d => Assert.Equal((Deadline.TaskKind, "Take the child in"), (d.Kind, d.Name)));
        Assert.Equal(["CA-2026-0001", "CA-2026-0002", "CA-2026-0003"], week.Items.Select(d => d.CaseReference));
        Assert.Equal(["social-worker"], week.Items[0].CandidateGroups);

        // Two days: today and the next two calendar days; the tasks are due on the third.
        Assert.Equal(0, (await Deadlines().ListAsync(new DeadlineQuery { Days = 2 }, Ct)).Total);

        // Five days later the tasks are late and still listed; sixty days ahead the day-45 limits come in, named in words.
        _h.Clock.Advance(TimeSpan.FromDays(5));
        var late = await Deadlines().ListAsync(new DeadlineQuery(), Ct);
        Assert.Equal((3, 3), (late.Total, late.Late));
        Assert.All(late.Items, d => Assert.True(d.IsLate));
        var all = await Deadlines().ListAsync(new DeadlineQuery { Days = 60 }, Ct);
        Assert.Equal((6, 3), (all.Total, all.Late));
        var limit = all.Items.First(d => d.Kind == Deadline.TimerKind);
        Assert.Equal(("Take the child in — day 45: limit reached", "Timer_Limit", "CA-2026-0001"), (limit.Name, limit.ElementId, limit.CaseReference));

        // By case; by worker (their task, and the timers of the journeys where they hold a task).
        var ofCase = await Deadlines().ListAsync(new DeadlineQuery { Days = 60, CaseReference = "CA-2026-0002" }, Ct);
        Assert.Equal([(Deadline.TaskKind, b), (Deadline.TimerKind, b)], ofCase.Items.Select(d => (d.Kind, d.InstanceId)));
        await _h.Service().ClaimAsync(await TaskOfAsync(a), Actors.SocialWorker, Ct);
        var ofWorker = await Deadlines().ListAsync(new DeadlineQuery { Days = 60, Worker = Actors.SocialWorker.Id }, Ct);
        Assert.Equal([(Deadline.TaskKind, a), (Deadline.TimerKind, a)], ofWorker.Items.Select(d => (d.Kind, d.InstanceId)));
        Assert.All(ofWorker.Items, d => Assert.Equal([Actors.SocialWorker.Id], d.Workers));

        // Pages of two give every deadline once, in due order; the export gives the same.
        var paged = new List<Deadline>();
        string? after = null;
        do
        {
            var page = await Deadlines().ListAsync(new DeadlineQuery { Days = 60, Limit = 2, After = after }, Ct);
            Assert.Equal(6, page.Total);
            paged.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        Assert.Equal(all.Items.Select(d => d.Id), paged.Select(d => d.Id));
        Assert.Equal(paged.Select(d => d.DueAt).Order(), paged.Select(d => d.DueAt));
        var exported = new List<Deadline>();
        await foreach (var d in Deadlines().AllAsync(new DeadlineQuery { Days = 60 }, Ct))
        {
            exported.Add(d);
        }

        Assert.Equal(paged.Select(d => d.Id), exported.Select(d => d.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => Deadlines().ListAsync(new DeadlineQuery { Days = 400 }, Ct));
    }

    [Fact]
    public async Task The_audit_lists_who_read_and_changed_a_case_without_values_and_is_audited_itself()
    {
        var id = await StartAsync("CA-2026-0001");
        await StartAsync("CA-2026-0002");
        await _h.Service().GetInstanceAsync(id, Actors.Coordinator, Ct);
        await _h.Service().SetInstanceVariablesAsync(id, new JsonObject { ["childName"] = "Ximena Tzul" }, Actors.Coordinator, Ct);
        var task = await TaskOfAsync(id);
        await _h.Service().ClaimAsync(task, Actors.SocialWorker, Ct);
        await _h.Service().CompleteAsync(task, new JsonObject { ["route"] = "skip" }, Actors.SocialWorker, Ct);

        var page = await Audit().ReadAsync(new AuditQuery { CaseReference = "CA-2026-0001" }, Actors.Psychologist, Ct);
        var types = page.Entries.Select(e => (e.Type, e.UserId)).ToList();
        Assert.Contains(("InstanceRead", Actors.Coordinator.Id), types);
        Assert.Contains(("VariablesSet", Actors.Coordinator.Id), types);
        Assert.Contains(("TaskClaimed", Actors.SocialWorker.Id), types);
        Assert.Contains(("TaskCompleted", Actors.SocialWorker.Id), types);
        Assert.DoesNotContain(page.Entries, e => AuditTrail.Bookkeeping.Contains(e.Type));
        Assert.All(page.Entries, e => Assert.Equal("CA-2026-0001", e.CaseReference));
        Assert.Equal("names: childName", page.Entries.Single(e => e.Type == "VariablesSet").Subject);
        Assert.DoesNotContain(page.Entries, e => (e.Subject ?? "").Contains("Ximena", StringComparison.Ordinal));
        Assert.Equal(page.Entries.Select(e => e.Sequence).OrderDescending(), page.Entries.Select(e => e.Sequence));

        // By person; by date (tomorrow has nothing); pages of two reach the same rows.
        var social = await Audit().ReadAsync(new AuditQuery { UserId = Actors.SocialWorker.Id }, Actors.Psychologist, Ct);
        Assert.All(social.Entries, e => Assert.Equal(Actors.SocialWorker.Id, e.UserId));
        Assert.NotEmpty(social.Entries);
        var tomorrow = DateOnly.FromDateTime(_h.Clock.GetUtcNow().UtcDateTime).AddDays(2);
        Assert.Empty((await Audit().ReadAsync(new AuditQuery { From = tomorrow }, Actors.Psychologist, Ct)).Entries);
        var paged = new List<long>();
        string? after = null;
        do
        {
            var p = await Audit().ReadAsync(new AuditQuery { CaseReference = "CA-2026-0001", Limit = 2, After = after }, Actors.Psychologist, Ct);
            paged.AddRange(p.Entries.Select(e => e.Sequence));
            after = p.Next;
        }
        while (after is not null);
        Assert.Equal(page.Entries.Select(e => e.Sequence), paged);

        // Every read of the audit left a row naming the reader and the filters.
        var reads = await Audit().ReadAsync(new AuditQuery { UserId = Actors.Psychologist.Id, Limit = 100 }, Actors.Coordinator, Ct);
        Assert.Contains(reads.Entries, e => e.Type == "AuditRead" && e.Subject == "caseReference: CA-2026-0001");
        Assert.True(reads.Entries.Count(e => e.Type == "AuditRead") >= 4);
        await Assert.ThrowsAsync<ArgumentException>(() => Audit().ReadAsync(new AuditQuery { From = tomorrow, To = tomorrow.AddDays(-3) }, Actors.Coordinator, Ct));
    }

    [Fact]
    public async Task A_search_by_case_reference_finds_its_instances_and_is_audited()
    {
        var id = await StartAsync("CA-2026-0009");
        await StartAsync("CA-2026-0010");
        var found = Assert.Single(await Monitor().FindByCaseReferenceAsync(" CA-2026-0009 ", Actors.Coordinator, Ct));
        Assert.Equal((id, "Watch", "active"), (found.InstanceId, found.ProcessId, found.Status));
        await Assert.ThrowsAsync<ArgumentException>(() => Monitor().FindByCaseReferenceAsync("  ", Actors.Coordinator, Ct));
        await using var db = _database.CreateContext();
        var row = await db.History.SingleAsync(h => h.Type == "InstancesSearched");
        Assert.Equal(Actors.Coordinator.Id, row.UserId);
        Assert.Contains("CA-2026-0009", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancellation_keeps_the_reason_given_and_ends_the_timers()
    {
        var id = await StartAsync("CA-2026-0001");
        Assert.Equal(["Take the child in — day 45: limit reached"], (await Monitor().ListTimersAsync(id, Ct)).Select(t => t.Name));
        await _h.Service().CancelAsync(id, "Duplicate of CA-2026-0002", Actors.Coordinator, Ct);
        var cancelled = (await _h.Service().GetHistoryAsync(id, Actors.Coordinator, Ct)).Single(h => h.Type == "InstanceCancelled");
        Assert.Equal(Actors.Coordinator.Id, cancelled.UserId);
        Assert.Contains("Duplicate of CA-2026-0002", cancelled.Detail!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await Monitor().ListTimersAsync(id, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Service().CancelAsync(id, new string('x', 1001), Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => Monitor().ListTimersAsync("no-such-instance", Ct));
    }
}
