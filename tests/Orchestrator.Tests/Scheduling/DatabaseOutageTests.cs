using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// No deadline is lost to a database outage. Faults injected into the real parts: a PostgreSQL server of this class's
/// own, stopped and started again; SQLite's page limit reached. Each test proves that every command the service
/// acknowledged is in the database afterwards, that every timer that fell due fires exactly once within
/// <see cref="OutageService.RecoveryDeadline"/> after the database answers again, without a restart of the service,
/// and that the clients got 503 (with <c>Retry-After</c>, naming the database) and never a 500 meanwhile. Nothing here
/// names the scheduler: the tests hold whatever scheduler runs underneath (they ran on Quartz and Hangfire alike
/// before Quartz was removed).
/// </summary>
[Collection(SchedulingTimingGroup.Name)]
public sealed class DatabaseOutageTests(DatabaseOutageTests.Server server, ITestOutputHelper output) : IClassFixture<DatabaseOutageTests.Server>
{
    private const int Count = 12;

    /// <summary>A PostgreSQL server only these tests use, so that stopping it disturbs no other test.</summary>
    public sealed class Server : PostgresCluster, IAsyncLifetime
    {
        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    [Fact]
    public async Task PostgreSQL_stopped_during_the_after_commit_scheduling_of_a_burst_of_completions_loses_no_timer()
    {
        using var service = new OutageService(await server.CreateDatabaseAsync("outage_after_commit"));
        var reports = new List<(string Instance, string Task)>();
        for (var i = 0; i < Count; i++)
        {
            reports.Add(await service.StartFollowUpAsync());
        }

        // The first completion of the burst to commit stops the server between its commit and the scheduling of its
        // timer; the others run into the stop, or commit before it and cannot schedule either.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.AfterNextCommit(() =>
        {
            server.StopNow();
            stopped.TrySetResult();
        });
        var followUpAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var answers = new OutageService.Answer[Count];
        try
        {
            await Parallel.ForAsync(0, Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                answers[i] = await service.CompleteAsync(reports[i].Task, followUpAt));
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // While it is down, reads and commands answer 503, and /health says so.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await service.CallAsync(HttpMethod.Get, $"/api/instances/{reports[0].Instance}")).Status);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await service.CallAsync(HttpMethod.Post, "/api/processes/FollowUp/instances", new { })).Status);
            await AssertHealthAsync(service, HttpStatusCode.ServiceUnavailable, "database");
        }
        finally
        {
            await server.StartAgainAsync();
        }

        var recovered = DateTime.UtcNow;
        await RetryUnansweredAsync(service, reports, answers, followUpAt);
        await WaitAllFiredAsync(service, reports, recovered);

        var acknowledged = reports.Where((_, i) => answers[i].Status == HttpStatusCode.NoContent).Select(r => r.Task).ToList();
        Assert.NotEmpty(acknowledged);
        await AssertCompletedAsync(service, acknowledged);
        await service.AssertEachFollowedUpOnceAsync([.. reports.Select(r => r.Instance)]);
        var unavailable = service.AssertOutagesAnswered503("The database is unavailable");
        Assert.True(unavailable >= 2, "the calls made while the server was down answered 503");

        // The completion whose commit stopped the server had no firing until the sweep made one.
        Assert.True(service.Statistics.Repairs >= 1, "the sweep scheduled the timer whose after-commit scheduling failed");
        output.WriteLine($"[outage] after-commit stop: {acknowledged.Count} of {Count} completions acknowledged in the burst, {unavailable} answers 503, {service.Statistics.Repairs} firings repaired by the sweep");
    }

    [Fact]
    public async Task PostgreSQL_restarted_at_the_moment_timers_fall_due_fires_each_once_after_it_answers_again()
    {
        using var service = new OutageService(await server.CreateDatabaseAsync("outage_due"));
        var reports = new List<(string Instance, string Task)>();
        for (var i = 0; i < Count; i++)
        {
            reports.Add(await service.StartFollowUpAsync());
        }

        var followUpAt = DateTimeOffset.UtcNow.AddSeconds(6);
        foreach (var report in reports)
        {
            var answer = await service.CompleteAsync(report.Task, followUpAt);
            Assert.True(answer.Status == HttpStatusCode.NoContent, answer.ToString());
        }

        Assert.True(DateTimeOffset.UtcNow < followUpAt.AddSeconds(-0.5), "the completions took longer than the time to the follow-up");
        await Eventually.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= followUpAt.AddSeconds(-0.3)), TimeSpan.FromSeconds(30), "the follow-ups are about to fall due");
        await server.StopAsync();
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= followUpAt.AddSeconds(2)), TimeSpan.FromSeconds(30), "the follow-ups fell due while the server is down");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await service.CallAsync(HttpMethod.Get, $"/api/instances/{reports[0].Instance}")).Status);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await service.CallAsync(HttpMethod.Get, "/api/tasks")).Status);
            await AssertHealthAsync(service, HttpStatusCode.ServiceUnavailable, "database");
        }
        finally
        {
            await server.StartAgainAsync();
        }

        var recovered = DateTime.UtcNow;
        await WaitAllFiredAsync(service, reports, recovered);
        await service.AssertEachFollowedUpOnceAsync([.. reports.Select(r => r.Instance)]);
        var unavailable = service.AssertOutagesAnswered503("The database is unavailable");
        Assert.True(unavailable >= 2, "the calls made while the server was down answered 503");
        await Eventually.HoldsAsync(async () => (await HealthAsync(service)).StatusCode == HttpStatusCode.OK, OutageService.RecoveryDeadline, "/health is healthy again");
        output.WriteLine($"[outage] restart at due time: {Count} timers fired once each; {unavailable} answers 503; {service.Statistics.Repairs} firings repaired by the sweep");
    }

    [Fact]
    public async Task SQLite_reaching_its_size_limit_during_a_burst_answers_503_naming_it_and_loses_nothing()
    {
        using var service = new OutageService(null);
        var reports = new List<(string Instance, string Task)>();
        for (var i = 0; i < 3 * Count; i++)
        {
            reports.Add(await service.StartFollowUpAsync());
        }

        var followUpAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var answers = new OutageService.Answer[reports.Count];
        for (var i = 0; i < 4; i++)
        {
            answers[i] = await service.CompleteAsync(reports[i].Task, followUpAt);
            Assert.True(answers[i].Status == HttpStatusCode.NoContent, answers[i].ToString());
        }

        // The file reaches its limit (PRAGMA max_page_count): the rest of the burst runs into it.
        service.SqliteFull = true;
        try
        {
            await Parallel.ForAsync(4, reports.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                answers[i] = await service.CompleteAsync(reports[i].Task, followUpAt));
            Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
            await AssertHealthAsync(service, HttpStatusCode.ServiceUnavailable, "full");
        }
        finally
        {
            service.SqliteFull = false;
        }

        var recovered = DateTime.UtcNow;
        await RetryUnansweredAsync(service, reports, answers, followUpAt);
        await WaitAllFiredAsync(service, reports, recovered);

        var acknowledged = reports.Where((_, i) => answers[i].Status == HttpStatusCode.NoContent).Select(r => r.Task).ToList();
        await AssertCompletedAsync(service, acknowledged);
        await service.AssertEachFollowedUpOnceAsync([.. reports.Select(r => r.Instance)]);
        var full = service.AssertOutagesAnswered503("The database is full (database or disk is full)");
        Assert.True(full >= 1);
        output.WriteLine($"[outage] SQLite full: {acknowledged.Count} of {reports.Count} completions acknowledged, {full} answered 503 (database full); {service.Statistics.Repairs} firings repaired by the sweep");
    }

    /// <summary>Completes, once the database answers again, every report whose completion the client saw fail (as a client retries a 503).</summary>
    private static async Task RetryUnansweredAsync(OutageService service, List<(string Instance, string Task)> reports, OutageService.Answer[] answers, DateTimeOffset followUpAt)
    {
        for (var i = 0; i < reports.Count; i++)
        {
            if (answers[i].Status != HttpStatusCode.NoContent)
            {
                var retried = await service.CompleteUntilAnsweredAsync(reports[i].Task, followUpAt, OutageService.RecoveryDeadline);
                Assert.True(retried.Status is HttpStatusCode.NoContent or HttpStatusCode.Conflict, retried.ToString());
            }
        }
    }

    private static async Task WaitAllFiredAsync(OutageService service, List<(string Instance, string Task)> reports, DateTime recovered)
    {
        var ids = reports.Select(r => r.Instance).ToList();
        var deadline = OutageService.RecoveryDeadline - (DateTime.UtcNow - recovered);
        await Eventually.HoldsAsync(
            async () => await service.WithDbAsync(db => db.Timers.AsNoTracking().CountAsync(t => t.InstanceId != null && ids.Contains(t.InstanceId) && t.Status == TimerStatuses.Fired)) == ids.Count,
            deadline > TimeSpan.Zero ? deadline : TimeSpan.FromMilliseconds(1),
            $"every follow-up timer fires within {OutageService.RecoveryDeadline.TotalSeconds:0} s of the database answering again");
    }

    private static async Task AssertCompletedAsync(OutageService service, List<string> tasks)
    {
        var statuses = await service.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => tasks.Contains(t.Id)).Select(t => t.Status).ToListAsync());
        Assert.Equal(tasks.Count, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(TaskStatuses.Completed, s));
    }

    private static async Task<HttpResponseMessage> HealthAsync(OutageService service)
    {
        using var client = service.Anonymous();
        return await client.GetAsync(Orchestrator.Hosting.Health.Path);
    }

    private static async Task AssertHealthAsync(OutageService service, HttpStatusCode status, string words)
    {
        using var response = await HealthAsync(service);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"/health answered {(int)response.StatusCode}: {body}");
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        var database = checks.GetProperty("database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Contains(words, database.GetProperty("description").GetString(), StringComparison.Ordinal);
        if (service.OnPostgres)
        {
            // The scheduler's store is the same server: its check says so too.
            Assert.Equal("Unhealthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        }
    }
}
