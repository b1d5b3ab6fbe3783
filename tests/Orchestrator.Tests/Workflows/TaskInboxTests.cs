using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Workflows;

/// <summary>
/// The inbox query (<see cref="TaskInbox"/>) on SQLite and PostgreSQL: the due views count days in the organisation's
/// time zone and weeks as the language starts them; every order pages through every task exactly once; the views and
/// the counts agree with each other and with the visibility rules.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the harness through IAsyncLifetime.DisposeAsync.
public abstract class TaskInboxTests : IAsyncLifetime
#pragma warning restore CA1001
{
    // Friday 11 December 2026, 18:00 in Mexico City (UTC-6, no daylight saving).
    private static readonly DateTimeOffset Now = new(2026, 12, 11, 18, 0, 0, TimeSpan.FromHours(-6));
    private static readonly TimeZoneInfo Mexico = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");

    private TestDatabase _database = null!;
    private WorkflowHarness _harness = null!;

    /// <summary>A fresh database for one test.</summary>
    protected abstract Task<TestDatabase> DatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await DatabaseAsync();
        await _database.MigrateAsync();
        _harness = new WorkflowHarness(_database);
        await _harness.InitializeAsync();
        _harness.Clock.Set(Now);
        foreach (var (id, name, group) in new[] { ("InboxA", "Alpha: visit the family", "social-worker"), ("InboxB", "Beta: session with the child", "psychologist"), ("InboxC", "Gamma: legal check", "lawyer") })
        {
            await _harness.Service().DeployAsync(
                $$"""
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:tests" id="Defs_{{id}}">
                  <bpmn:process id="{{id}}" isExecutable="true">
                    <bpmn:startEvent id="Start" />
                    <bpmn:userTask id="Task" name="{{name}}" orc:candidateGroups="{{group}}" orc:dueDate="=if due = null then null else date and time(due)" />
                    <bpmn:endEvent id="End" />
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
                    <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End" />
                  </bpmn:process>
                </bpmn:definitions>
                """, id + ".bpmn", Actors.Designer, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A social worker who is also a psychologist.</summary>
    private static Actor Person { get; } = new("u-mixed", "Mía Mixta", new HashSet<string>(["social-worker", "psychologist"], StringComparer.Ordinal));

    private TaskInbox Inbox(DayOfWeek firstDay = DayOfWeek.Sunday) => new(_harness.Db(), _harness.Clock, new InboxCalendar(Mexico, firstDay));

    private async Task<string> StartAsync(string process, string caseRef, DateTimeOffset? due = null)
    {
        var variables = new JsonObject();
        if (due is { } d)
        {
            variables["due"] = d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        }

        var id = await _harness.Service().StartAsync(process, variables, caseRef, Actors.Coordinator, CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromSeconds(1)); // creation order is the order of the starts
        return await _harness.Db().Tasks.AsNoTracking().Where(t => t.InstanceId == id).Select(t => t.Id).SingleAsync();
    }

    private static DateTimeOffset Local(int day, int hour) => new(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(-6));

    private async Task<List<string>> IdsAsync(TaskQuery query, Actor actor, DayOfWeek firstDay = DayOfWeek.Sunday) =>
        [.. (await Inbox(firstDay).ListAsync(query, actor, CancellationToken.None)).Tasks.Select(t => t.Id)];

    [Fact]
    public async Task The_due_views_count_days_in_the_organisations_time_zone_and_weeks_as_the_language_starts_them()
    {
        var overdue = await StartAsync("InboxA", "D-1", Local(11, 10));     // Friday 10:00, passed
        var today = await StartAsync("InboxB", "D-2", Local(11, 22));       // Friday 22:00 (already Saturday in UTC)
        var saturday = await StartAsync("InboxA", "D-3", Local(12, 10));
        var sunday = await StartAsync("InboxB", "D-4", Local(13, 10));      // a new week if weeks start on Sunday
        var tuesday = await StartAsync("InboxA", "D-5", Local(15, 10));
        var none = await StartAsync("InboxB", "D-6");
        await StartAsync("InboxC", "D-7", Local(11, 20));                   // the lawyers': never in this person's views

        Assert.Equal([overdue], await IdsAsync(new TaskQuery { View = InboxView.Overdue }, Person));
        Assert.Equal([today], await IdsAsync(new TaskQuery { View = InboxView.DueToday }, Person));
        Assert.Equal([today, saturday], await IdsAsync(new TaskQuery { View = InboxView.DueThisWeek }, Person));
        Assert.Equal([today, saturday, sunday], await IdsAsync(new TaskQuery { View = InboxView.DueThisWeek }, Person, DayOfWeek.Monday));
        Assert.Equal([overdue, today, saturday, sunday, tuesday, none], await IdsAsync(new TaskQuery(), Person));

        var counts = await Inbox().CountAsync(new TaskQuery(), Person, CancellationToken.None);
        Assert.Equal(new InboxCounts(6, 0, 6, 1, 1, 2), counts);
        var monday = await Inbox(DayOfWeek.Monday).CountAsync(new TaskQuery(), Person, CancellationToken.None);
        Assert.Equal(3, monday.DueThisWeek);

        // A coordinator's due views cover every open task.
        var coordinator = await Inbox().CountAsync(new TaskQuery(), Actors.Coordinator, CancellationToken.None);
        Assert.Equal((7, 1, 2), (coordinator.All, coordinator.Overdue, coordinator.DueToday));
        Assert.Equal(2, (await IdsAsync(new TaskQuery { View = InboxView.DueToday }, Actors.Coordinator)).Count);

        // The next day, Friday's task is overdue and Saturday's is today's.
        _harness.Clock.Set(Local(12, 8));
        Assert.Equal([overdue, today], await IdsAsync(new TaskQuery { View = InboxView.Overdue }, Person));
        Assert.Equal([saturday], await IdsAsync(new TaskQuery { View = InboxView.DueToday }, Person));
    }

    [Fact]
    public async Task Every_order_pages_through_every_task_exactly_once()
    {
        var expected = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var process = i % 3 == 0 ? "InboxB" : "InboxA";
            DateTimeOffset? due = i % 4 == 0 ? null : Local(12 + (i % 5), 9 + (i % 7));
            expected.Add(await StartAsync(process, $"P-{i:00}", due));
        }

        foreach (var sort in InboxParameters.AllSorts)
        {
            foreach (var view in new[] { InboxView.All, InboxView.MyGroups })
            {
                foreach (var actor in new[] { Person, Actors.Coordinator })
                {
                    var whole = await IdsAsync(new TaskQuery { Sort = sort, View = view }, actor);
                    var walked = new List<string>();
                    string? after = null;
                    do
                    {
                        var page = await Inbox().ListAsync(new TaskQuery { Sort = sort, View = view, Limit = 4, After = after }, actor, CancellationToken.None);
                        walked.AddRange(page.Tasks.Select(t => t.Id));
                        after = page.Next;
                    }
                    while (after is not null);

                    Assert.Equal(whole, walked);
                    if (view == InboxView.All)
                    {
                        Assert.Equal(expected.Order(StringComparer.Ordinal), whole.Order(StringComparer.Ordinal));
                    }
                }
            }
        }

        var byCreation = await IdsAsync(new TaskQuery { Sort = TaskSort.Created }, Person);
        Assert.Equal(expected, byCreation);
        var byName = await Inbox().ListAsync(new TaskQuery { Sort = TaskSort.Name }, Person, CancellationToken.None);
        Assert.Equal(byName.Tasks.Select(t => t.Name), byName.Tasks.Select(t => t.Name).Order(StringComparer.Ordinal));

        // A cursor of one order is refused by another, naming the parameter.
        var first = await Inbox().ListAsync(new TaskQuery { Sort = TaskSort.Created, Limit = 2 }, Person, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<TaskQueryException>(() => Inbox().ListAsync(new TaskQuery { Sort = TaskSort.Name, After = first.Next }, Person, CancellationToken.None));
        Assert.Equal("after", refused.Parameter);
    }

    [Fact]
    public async Task The_views_filters_and_counts_follow_who_holds_a_task()
    {
        var mine = await StartAsync("InboxA", "V-1");
        var theirs = await StartAsync("InboxA", "V-2");
        var offered = await StartAsync("InboxB", "V-3");
        var lawyers = await StartAsync("InboxC", "V-4");
        await _harness.Service().ClaimAsync(mine, Person, CancellationToken.None);
        await _harness.Service().ClaimAsync(theirs, Actors.SocialWorker, CancellationToken.None);

        Assert.Equal([mine], await IdsAsync(new TaskQuery { View = InboxView.AssignedToMe }, Person));
        Assert.Equal([offered], await IdsAsync(new TaskQuery { View = InboxView.MyGroups }, Person));
        Assert.Equal([mine, offered], await IdsAsync(new TaskQuery { Sort = TaskSort.Created }, Person));
        Assert.Equal([mine], await IdsAsync(new TaskQuery { CandidateGroup = "social-worker" }, Person));
        Assert.Equal([offered], await IdsAsync(new TaskQuery { ProcessId = "InboxB" }, Person));
        Assert.Equal([mine], await IdsAsync(new TaskQuery { BusinessKey = "V-1" }, Person));
        Assert.Empty(await IdsAsync(new TaskQuery { BusinessKey = "V-2" }, Person));
        Assert.Equal(new InboxCounts(2, 1, 1, 0, 0, 0), await Inbox().CountAsync(new TaskQuery(), Person, CancellationToken.None));
        Assert.Equal(new InboxCounts(1, 0, 1, 0, 0, 0), await Inbox().CountAsync(new TaskQuery { ProcessId = "InboxB" }, Person, CancellationToken.None));

        // The holder's name comes with the task; the coordinator sees every task, and "my groups" are theirs only.
        var all = await Inbox().ListAsync(new TaskQuery { Sort = TaskSort.Created }, Actors.Coordinator, CancellationToken.None);
        Assert.Equal([mine, theirs, offered, lawyers], all.Tasks.Select(t => t.Id));
        Assert.Equal("u-social", all.Tasks[1].Assignee);
        Assert.Equal(new InboxCounts(4, 0, 0, 0, 0, 0), await Inbox().CountAsync(new TaskQuery(), Actors.Coordinator, CancellationToken.None));
    }
}

/// <summary>The inbox query on SQLite.</summary>
public sealed class SqliteTaskInboxTests : TaskInboxTests
{
    protected override Task<TestDatabase> DatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

/// <summary>The inbox query on PostgreSQL.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresTaskInboxTests(PostgresServer server) : TaskInboxTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreatePostgresAsync(server, "inbox");
}
