using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Scheduling;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Tests.Scheduling;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// A link that expires unanswered is reported to the coordinators at its expiry, once, even if nobody opens it: a
/// Hangfire job per link at <c>expires_at</c>, made after the commit that created the link when it expires within the
/// scheduler's window, and by the reconciliation sweep's repair as the expiry comes near; firing is idempotent. Time is
/// the service's virtual clock; the firings are called directly (as a job and a second node would) or through a
/// Hangfire job enqueued now. Most tests widen the window (a sweep period of 8 days) so that a 14-day link gets its job
/// at its commit.
/// </summary>
public abstract class EmailActionExpiryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> WideWindow = new() { ["Scheduling:SweepInterval"] = "8.00:00:00" };

    /// <summary>The service on the provider under test.</summary>
    protected abstract Task<EmailActionFactory> CreateAsync(IReadOnlyDictionary<string, string>? settings = null);

    private static JsonObject Variables() => new() { ["consulateEmail"] = EmailActionFactory.ConsulateEmail };

    private static HangfireWorkflowScheduler SchedulerOf(EmailActionFactory factory) => factory.Services.GetRequiredService<HangfireWorkflowScheduler>();

    /// <summary>The Hangfire jobs that can still run of the links' expiries, by link id.</summary>
    private static Dictionary<string, List<string>> ExpiryJobs(EmailActionFactory factory) =>
        SchedulerOf(factory).LiveJobs(typeof(EmailActionExpiryScheduler), nameof(EmailActionExpiryScheduler.ReportAsync));

    /// <summary>When Hangfire enqueues a scheduled job (whole seconds).</summary>
    private static DateTimeOffset EnqueueAtOf(EmailActionFactory factory, string jobId)
    {
        using var connection = SchedulerOf(factory).Storage.GetConnection();
        var state = connection.GetStateData(jobId);
        Assert.Equal("Scheduled", state?.Name);
        return new DateTimeOffset(Hangfire.Common.JobHelper.DeserializeDateTime(state!.Data["EnqueueAt"]), TimeSpan.Zero);
    }

    private static async Task<EmailActionTokenRecordView> TokenOfAsync(EmailActionFactory factory, string instanceId)
    {
        var row = Assert.Single(await factory.TokensAsync(), t => t.InstanceId == instanceId);
        return new(row.Id, row.ExpiresAt, row.ExpiredNotifiedAt);
    }

    [Fact]
    public async Task An_unanswered_link_is_reported_to_the_coordinators_at_its_expiry_once_though_nobody_opened_it()
    {
        using var factory = await CreateAsync(WideWindow);
        await factory.CreateUserAsync("coordinadora", Roles.Coordinator, "Coordinadora-2026!");
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0060", Variables());
        var expiries = factory.Services.GetRequiredService<EmailActionExpiryScheduler>();
        await expiries.WhenScheduledAsync();
        var token = await TokenOfAsync(factory, id);

        // The commit that created the link scheduled its job at the expiry.
        var job = Assert.Single(ExpiryJobs(factory)[EmailActionExpiryScheduler.Name(token.Id)]);
        Assert.InRange(EnqueueAtOf(factory, job), token.ExpiresAt.AddSeconds(-1), token.ExpiresAt);

        // A firing ahead of the clock changes nothing.
        var before = await factory.SnapshotAsync(id);
        Assert.Equal(ExpiryNotice.NotYetExpired, await expiries.FireAsync(token.Id, default));
        Assert.Equal(before, await factory.SnapshotAsync(id));

        // At expiry the job and, say, a second node's firing run together: one report.
        factory.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        var notices = await Task.WhenAll(expiries.FireAsync(token.Id, default), expiries.FireAsync(token.Id, default));
        Assert.Equal([ExpiryNotice.Notified, ExpiryNotice.Nothing], notices.Order());
        Assert.Equal(ExpiryNotice.Nothing, await expiries.FireAsync(token.Id, default));

        var expired = Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
        Assert.Equal("coordinadora@test.invalid", expired.To);
        Assert.Contains("CA-2026-0060", expired.Subject, StringComparison.Ordinal);
        Assert.Contains("venció sin respuesta", expired.Text, StringComparison.Ordinal);
        Assert.Equal(factory.Clock.GetUtcNow(), (await TokenOfAsync(factory, id)).ExpiredNotifiedAt);
        Assert.Equal(["Task_ConsulateApproval"], await factory.ActiveAsync(id));

        // The recipient comes late: the page says the coordinators know, and offers no button to tell them again.
        using var browser = factory.Browser();
        var (status, page) = await ActPage.OpenAsync(browser, await factory.LinkOfAsync(id));
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("Avisamos a la coordinación", page, StringComparison.Ordinal);
        Assert.DoesNotContain("notify-expired", page, StringComparison.Ordinal);
        Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
    }

    [Fact]
    public async Task Start_up_and_the_sweep_remake_the_jobs_of_unanswered_links_only_and_a_job_reports_only_those()
    {
        using var factory = await CreateAsync(WideWindow);
        await factory.CreateUserAsync("coordinadora", Roles.Coordinator, "Coordinadora-2026!");
        var open = await factory.StartAsync("OutsideApproval", "CA-2026-0061", Variables());
        var answered = await factory.StartAsync("OutsideApproval", "CA-2026-0062", Variables());
        var cancelled = await factory.StartAsync("OutsideApproval", "CA-2026-0063", Variables());
        using (var browser = factory.Browser())
        {
            var link = await factory.LinkOfAsync(answered);
            var (_, page) = await ActPage.OpenAsync(browser, link);
            Assert.Equal(HttpStatusCode.OK, (await ActPage.PostAsync(browser, link, page, ("decision", "decline"))).Status);
        }

        using (var coordinator = factory.ClientAs(Roles.Coordinator))
        {
            var response = await coordinator.DeleteAsync($"/api/instances/{cancelled}");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var expiries = factory.Services.GetRequiredService<EmailActionExpiryScheduler>();
        await expiries.WhenScheduledAsync();
        var tokens = new[] { await TokenOfAsync(factory, open), await TokenOfAsync(factory, answered), await TokenOfAsync(factory, cancelled) };

        // A wiped storage has lost the jobs; the rows make them again, for the unanswered link only.
        var client = SchedulerOf(factory).Client;
        foreach (var job in ExpiryJobs(factory).Values.SelectMany(j => j))
        {
            client.Delete(job);
        }

        Assert.Empty(ExpiryJobs(factory));
        Assert.Equal(1, await expiries.RescheduleAsync(default));
        var remade = Assert.Single(ExpiryJobs(factory));
        Assert.Equal(EmailActionExpiryScheduler.Name(tokens[0].Id), remade.Key);
        Assert.InRange(EnqueueAtOf(factory, Assert.Single(remade.Value)), tokens[0].ExpiresAt.AddSeconds(-1), tokens[0].ExpiresAt);
        Assert.Equal(0, await expiries.RescheduleAsync(default)); // already stored: nothing made twice

        // The sweep's repair counts a lost job of a link that had one since its commit as a repair.
        client.Delete(Assert.Single(remade.Value));
        Assert.Equal(1, await expiries.RescheduleAsync(SchedulerOf(factory).Horizon, default));
        Assert.Single(ExpiryJobs(factory));

        // Past the expiry, every link's job runs for real (through Hangfire and a fresh scope).
        factory.Clock.Advance(TimeSpan.FromDays(15));
        foreach (var token in tokens)
        {
            var name = EmailActionExpiryScheduler.Name(token.Id);
            client.Enqueue<EmailActionExpiryScheduler>(s => s.ReportAsync(name, CancellationToken.None));
        }

        await Eventually.HoldsAsync(async () => (await TokenOfAsync(factory, open)).ExpiredNotifiedAt is not null, Timeout, "the open link's job reports it");
        var expired = Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
        Assert.Equal(open, expired.InstanceId);
        Assert.Null((await TokenOfAsync(factory, answered)).ExpiredNotifiedAt);
        Assert.Null((await TokenOfAsync(factory, cancelled)).ExpiredNotifiedAt);
        Assert.Equal(ExpiryNotice.Nothing, await expiries.FireAsync(tokens[1].Id, default));
        Assert.Equal(ExpiryNotice.Nothing, await expiries.FireAsync(tokens[2].Id, default));
        Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
    }

    [Fact]
    public async Task A_link_expiring_beyond_the_window_gets_its_job_from_the_sweep_as_its_expiry_comes_near_and_that_is_no_repair()
    {
        // The default window: two sweep periods of 30 s.
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0064", Variables());
        var expiries = factory.Services.GetRequiredService<EmailActionExpiryScheduler>();
        await expiries.WhenScheduledAsync();
        var token = await TokenOfAsync(factory, id);
        Assert.Empty(ExpiryJobs(factory)); // 14 days ahead: nothing in Hangfire yet

        // Half a minute before the expiry the sweep's repair brings it in: a job at the expiry, counted as no repair.
        factory.Clock.Set(token.ExpiresAt.AddSeconds(-30));
        var repair = Assert.Single(factory.Services.GetServices<ScheduleRepair>(), r => r.Kind == "email-action-expiry");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await repair.RepairAsync(scope.ServiceProvider, SchedulerOf(factory).Horizon, default));
        }

        var job = Assert.Single(Assert.Single(ExpiryJobs(factory)).Value);
        Assert.InRange(EnqueueAtOf(factory, job), token.ExpiresAt.AddSeconds(-1), token.ExpiresAt);
    }

    /// <summary>What these tests read of a link's row.</summary>
    private sealed record EmailActionTokenRecordView(Guid Id, DateTimeOffset ExpiresAt, DateTimeOffset? ExpiredNotifiedAt);
}

/// <summary>On SQLite (Hangfire's SQLite storage).</summary>
public sealed class SqliteEmailActionExpiryTests : EmailActionExpiryTests
{
    protected override Task<EmailActionFactory> CreateAsync(IReadOnlyDictionary<string, string>? settings = null) => EmailActionFactory.CreateAsync(null, extraSettings: settings);
}

/// <summary>On PostgreSQL (Hangfire's PostgreSQL storage; a fresh database per test on the shared test server).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresEmailActionExpiryTests(PostgresServer server) : EmailActionExpiryTests
{
    protected override Task<EmailActionFactory> CreateAsync(IReadOnlyDictionary<string, string>? settings = null) => EmailActionFactory.CreateAsync(server, extraSettings: settings);
}
