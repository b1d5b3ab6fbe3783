using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// The real service in memory (<see cref="ApiFactory"/>) for the database-outage tests: on SQLite or on a PostgreSQL
/// server the test may stop, with <c>follow-up.bpmn</c> deployed (a report task, then a timer at <c>followUpAt</c>,
/// then a follow-up task), a short reconciliation sweep, and two faults a test can inject: an action run once,
/// synchronously, right after the next command's commit and before the scheduler hears of it (where the test stops
/// PostgreSQL), and SQLite's page limit (<c>PRAGMA max_page_count</c>) set to the file's size on every connection.
/// Every answer the clients get is recorded, so a test can show that none was a 500.
/// </summary>
public sealed class OutageService : ApiFactory
{
    /// <summary>How often the sweep runs here.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after the database answers again every timer that fell due must have fired: a few sweep periods (a
    /// timer created just before the outage is looked at once it is <see cref="ScheduleReconciliation.Settle"/> old),
    /// plus the scheduler's own retry of its store and room for a 2-core machine shared with other builds.
    /// </summary>
    public static readonly TimeSpan RecoveryDeadline = (3 * SweepInterval) + ScheduleReconciliation.Settle + TimeSpan.FromSeconds(45);

    private readonly string? _postgres;
    private readonly Lock _gate = new();
    private readonly List<Answer> _answers = [];
    private Action? _afterNextCommit;
    private volatile bool _sqliteFull;
    private volatile bool _sqliteLimited;

    /// <summary>Creates the service on SQLite (<paramref name="postgres"/> null) or on that PostgreSQL database.</summary>
    public OutageService(string? postgres)
    {
        _postgres = postgres;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Scheduling", "Fixtures", "follow-up.bpmn"), Path.Combine(WorkflowsDirectory, "follow-up.bpmn"));
    }

    /// <summary>Whether the service runs on PostgreSQL.</summary>
    public bool OnPostgres => _postgres is not null;

    /// <summary>Every answer the clients of <see cref="CallAsync"/> got, in order.</summary>
    public IReadOnlyList<Answer> Answers
    {
        get
        {
            lock (_gate)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> once, synchronously, right after the next commit (before the scheduler is told).</summary>
    public void AfterNextCommit(Action action) => Volatile.Write(ref _afterNextCommit, action);

    /// <summary>Whether SQLite's page limit is the file's current size (no page can be added).</summary>
    public bool SqliteFull
    {
        get => _sqliteFull;
        set
        {
            _sqliteLimited |= value;
            _sqliteFull = value;
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string> ExtraSettings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["Scheduling:SweepInterval"] = SweepInterval.ToString("c"),
                ["Logging:LogLevel:Default"] = "Warning",
            };
            if (_postgres is not null)
            {
                settings["Database:Provider"] = "PostgreSql";
                settings["ConnectionStrings:Orchestrator"] = _postgres;
            }

            return settings;
        }
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IWorkflowEffects>(new AfterCommitFault(this));
            services.ConfigureDbContext<OrchestratorDbContext>((_, options) => options.AddInterceptors(new SqlitePageLimit(this)));
        });
    }

    /// <summary>Sends a request as a coordinator's program and records the answer.</summary>
    public async Task<Answer> CallAsync(HttpMethod method, string path, object? body = null)
    {
        using var client = ClientAs(Roles.Coordinator);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var answer = new Answer(method + " " + path, response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
        lock (_gate)
        {
            _answers.Add(answer);
        }

        return answer;
    }

    /// <summary>Starts a <c>FollowUp</c> instance; returns its id and its report task's id.</summary>
    public async Task<(string Instance, string Task)> StartFollowUpAsync()
    {
        var started = await CallAsync(HttpMethod.Post, "/api/processes/FollowUp/instances", new { variables = new JsonObject() });
        Assert.True(started.Status == HttpStatusCode.Created, started.ToString());
        var id = JsonDocument.Parse(started.Body).RootElement.GetProperty("id").GetString()!;
        var tasks = await CallAsync(HttpMethod.Get, $"/api/tasks?instanceId={Uri.EscapeDataString(id)}");
        Assert.True(tasks.Status == HttpStatusCode.OK, tasks.ToString());
        return (id, JsonDocument.Parse(tasks.Body).RootElement[0].GetProperty("id").GetString()!);
    }

    /// <summary>Completes a report task; its follow-up falls due at <paramref name="followUpAt"/>. The answer as the client saw it.</summary>
    public Task<Answer> CompleteAsync(string taskId, DateTimeOffset followUpAt) =>
        CallAsync(HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(taskId)}/complete", new
        {
            variables = new JsonObject { ["followUpAt"] = followUpAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) },
        });

    /// <summary>Completes a report task again and again until the service answers 204 (or 409: an earlier try did commit).</summary>
    public async Task<Answer> CompleteUntilAnsweredAsync(string taskId, DateTimeOffset followUpAt, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await CompleteAsync(taskId, followUpAt);
            if (answer.Status is HttpStatusCode.NoContent or HttpStatusCode.Conflict || DateTime.UtcNow > until)
            {
                return answer;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Runs <paramref name="body"/> with the service's DbContext in a fresh scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<OrchestratorDbContext, Task<T>> body)
    {
        await using var scope = Services.CreateAsyncScope();
        return await body(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>());
    }

    /// <summary>What this node's scheduler and sweep did.</summary>
    public SchedulerStatistics Statistics => Services.GetRequiredService<SchedulerStatistics>();

    /// <summary>
    /// Asserts that every one of <paramref name="instances"/> had its follow-up timer fire exactly once: the timer row
    /// fired, one follow-up task, and the timer event's history entries once each.
    /// </summary>
    public async Task AssertEachFollowedUpOnceAsync(IReadOnlyCollection<string> instances)
    {
        var ids = instances.ToList();
        var timers = await WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.InstanceId != null && ids.Contains(t.InstanceId)).ToListAsync());
        Assert.Equal(ids.Order(StringComparer.Ordinal), timers.Select(t => t.InstanceId!).Order(StringComparer.Ordinal));
        Assert.All(timers, t => Assert.Equal(TimerStatuses.Fired, t.Status));
        Assert.All(timers, t => Assert.True(t.FiredAt >= t.DueAt, $"timer {t.Id} fired at {t.FiredAt:O}, before its due time {t.DueAt:O}"));
        var followUps = await WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.ElementId == "Task_FollowUp" && ids.Contains(t.InstanceId))
            .GroupBy(t => t.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(ids.Count, followUps.Count);
        Assert.All(followUps, f => Assert.Equal(1, f.Count));
        var history = await WithDbAsync(db => db.History.AsNoTracking().Where(h => h.ElementId == "Timer_FollowUp" && ids.Contains(h.InstanceId!))
            .GroupBy(h => new { h.InstanceId, h.Type }).Select(g => new { g.Key.InstanceId, Count = g.Count() }).ToListAsync());
        Assert.Equal(ids.Count, history.Select(h => h.InstanceId).Distinct().Count());
        Assert.All(history, h => Assert.Equal(1, h.Count));
    }

    /// <summary>
    /// Asserts that no client got a 500, and that every failure they got while the database was away was a 503
    /// problem with <c>Retry-After: 5</c> naming the database (<paramref name="words"/>). Returns how many 503s there were.
    /// </summary>
    public int AssertOutagesAnswered503(string words)
    {
        var answers = Answers;
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable);
        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(unavailable, a =>
        {
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), a.RetryAfter);
            Assert.Contains(words, JsonDocument.Parse(a.Body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });
        return unavailable.Count;
    }

    /// <summary>One answer a client got.</summary>
    public sealed record Answer(string Request, HttpStatusCode Status, string Body, TimeSpan? RetryAfter, string? MediaType)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Request} → {(int)Status}: {Body}";
    }

    /// <summary>Runs the armed action once after the commit of the next command that changed an instance.</summary>
    private sealed class AfterCommitFault(OutageService service) : IWorkflowEffects
    {
        public Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref service._afterNextCommit) is not null)
            {
                change.AfterCommit(() => Interlocked.Exchange(ref service._afterNextCommit, null)?.Invoke());
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Sets SQLite's page limit on every connection the service opens while the test wants the file full.</summary>
    private sealed class SqlitePageLimit(OutageService service) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (Pragma() is { } pragma)
            {
                using var command = connection.CreateCommand();
                command.CommandText = pragma;
                command.ExecuteNonQuery();
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Pragma() is { } pragma)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = pragma;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // A limit below the file's size is taken as the file's size: "1" means not one page more.
        private string? Pragma() =>
            service._sqliteFull ? "PRAGMA max_page_count = 1" : service._sqliteLimited ? "PRAGMA max_page_count = 1073741823" : null;
    }
}
