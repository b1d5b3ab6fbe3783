using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Scheduling;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Tests.Scheduling;
using Quartz;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// A link that expires unanswered is reported to the coordinators at its expiry, once, even if nobody opens it: a Quartz
/// trigger per link at <c>expires_at</c>, made after the commit that created the link and again at start-up from the
/// rows; firing is idempotent. Time is the service's virtual clock; the firings are called directly (as a trigger and
/// a second node would) or through a trigger due now.
/// </summary>
public abstract class EmailActionExpiryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The service on the provider under test.</summary>
    protected abstract Task<EmailActionFactory> CreateAsync();

    private static JsonObject Variables() => new() { ["consulateEmail"] = EmailActionFactory.ConsulateEmail };

    private static async Task<IScheduler> QuartzAsync(EmailActionFactory factory) =>
        await factory.Services.GetRequiredService<QuartzWorkflowScheduler>().GetSchedulerAsync(default);

    private static TriggerKey KeyOf(EmailActionTokenRecordView token) => new(EmailActionExpiryScheduler.Name(token.Id), EmailActionExpiryScheduler.TriggerGroup);

    private static async Task<EmailActionTokenRecordView> TokenOfAsync(EmailActionFactory factory, string instanceId)
    {
        var row = Assert.Single(await factory.TokensAsync(), t => t.InstanceId == instanceId);
        return new(row.Id, row.ExpiresAt, row.ExpiredNotifiedAt);
    }

    [Fact]
    public async Task An_unanswered_link_is_reported_to_the_coordinators_at_its_expiry_once_though_nobody_opened_it()
    {
        using var factory = await CreateAsync();
        await factory.CreateUserAsync("coordinadora", Roles.Coordinator, "Coordinadora-2026!");
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0060", Variables());
        var expiries = factory.Services.GetRequiredService<EmailActionExpiryScheduler>();
        await expiries.WhenScheduledAsync();
        var token = await TokenOfAsync(factory, id);

        // The commit that created the link scheduled its trigger at the expiry.
        var trigger = await (await QuartzAsync(factory)).GetTrigger(KeyOf(token));
        Assert.NotNull(trigger);
        Assert.Equal(token.ExpiresAt, trigger.StartTimeUtc);
        Assert.Equal(EmailActionExpiryScheduler.JobKey, trigger.JobKey);

        // A firing ahead of the clock changes nothing.
        var before = await factory.SnapshotAsync(id);
        Assert.Equal(ExpiryNotice.NotYetExpired, await expiries.FireAsync(token.Id, default));
        Assert.Equal(before, await factory.SnapshotAsync(id));

        // At expiry the trigger and, say, a recovering second node fire together: one report.
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
    public async Task Start_up_remakes_the_triggers_of_unanswered_links_only_and_a_trigger_reports_only_those()
    {
        using var factory = await CreateAsync();
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

        // A restart on the memory store (or a wiped store) has lost the triggers; the rows make them again.
        var quartz = await QuartzAsync(factory);
        await quartz.UnscheduleJobs([.. tokens.Select(KeyOf)], default);
        Assert.Equal(1, await expiries.RescheduleAsync(default));
        Assert.Equal(tokens[0].ExpiresAt, (await quartz.GetTrigger(KeyOf(tokens[0])))?.StartTimeUtc);
        Assert.Null(await quartz.GetTrigger(KeyOf(tokens[1])));
        Assert.Null(await quartz.GetTrigger(KeyOf(tokens[2])));
        Assert.Equal(0, await expiries.RescheduleAsync(default)); // already stored: nothing made twice

        // Past the expiry, every link's trigger fires for real (through Quartz, the job and a fresh scope).
        factory.Clock.Advance(TimeSpan.FromDays(15));
        foreach (var token in tokens)
        {
            await quartz.ScheduleTrigger(TriggerBuilder.Create().WithIdentity(KeyOf(token)).ForJob(EmailActionExpiryScheduler.JobKey).StartNow().Build(), TriggerConflict.Replace, default);
        }

        await Eventually.HoldsAsync(async () => (await TokenOfAsync(factory, open)).ExpiredNotifiedAt is not null, Timeout, "the open link's trigger reports it");
        var expired = Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
        Assert.Equal(open, expired.InstanceId);
        Assert.Null((await TokenOfAsync(factory, answered)).ExpiredNotifiedAt);
        Assert.Null((await TokenOfAsync(factory, cancelled)).ExpiredNotifiedAt);
        Assert.Equal(ExpiryNotice.Nothing, await expiries.FireAsync(tokens[1].Id, default));
        Assert.Equal(ExpiryNotice.Nothing, await expiries.FireAsync(tokens[2].Id, default));
        Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
    }

    /// <summary>What these tests read of a link's row.</summary>
    private sealed record EmailActionTokenRecordView(Guid Id, DateTimeOffset ExpiresAt, DateTimeOffset? ExpiredNotifiedAt);
}

/// <summary>On SQLite (Quartz's memory store).</summary>
public sealed class SqliteEmailActionExpiryTests : EmailActionExpiryTests
{
    protected override Task<EmailActionFactory> CreateAsync() => EmailActionFactory.CreateAsync(null);
}

/// <summary>On PostgreSQL (Quartz's clustered store; a fresh database per test on the shared test server).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresEmailActionExpiryTests(PostgresServer server) : EmailActionExpiryTests
{
    protected override Task<EmailActionFactory> CreateAsync() => EmailActionFactory.CreateAsync(server);
}
