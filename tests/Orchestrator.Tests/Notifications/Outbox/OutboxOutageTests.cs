using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>The running service sending to a MailDev of its own, on the real clock and the default outbox settings.</summary>
public sealed class SmtpServiceFactory(MailDevServer mail) : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = mail.Host,
        ["Smtp:Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = "orchestrator@test.invalid",
        ["Orchestrator:PublicBaseUrl"] = "https://care.example.org",
    };

    /// <summary>Stages one email in a committed transaction of the running service, as a workflow step does.</summary>
    public async Task<Guid> StageAsync(string to, string subject)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var afterCommit = new List<Action>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var row = outbox.Enqueue(db, new OutgoingEmail(to, new RenderedEmail("task-assigned", "es", subject, "<p>Tarea</p>", "Tarea")), afterCommit.Add);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        afterCommit.ForEach(a => a());
        return row.Id;
    }

    /// <summary>The outbox rows of <paramref name="ids"/>.</summary>
    public async Task<List<OutboxRecord>> RowsAsync(IReadOnlyCollection<Guid> ids)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync();
    }

    /// <summary>The <c>outbox</c> check of <c>/health</c>.</summary>
    public async Task<JsonObject> OutboxHealthAsync() =>
        (await Anonymous().GetFromJsonAsync<JsonObject>("/health"))!["checks"]!["outbox"]!.AsObject();
}

/// <summary>
/// The fault the outbox must survive: the SMTP server stops in the middle of a burst of emails and starts again. On
/// the real parts — the service's dispatcher on the real clock with its default settings (back-off 1 min, 5 min…;
/// probe every 15 s), MailDev stopped with SIGTERM and started again on the same port with its mail folder — no email
/// is lost or sent twice (MailDev's REST API counts them by Message-ID), <c>/health</c> says the server is unavailable
/// while it is, and every waiting email arrives within a minute of MailDev's return (a deadline the test waits for,
/// not a measured time).
/// </summary>
public sealed class OutboxOutageTests : IAsyncLifetime
{
    private readonly MailDevServer _mail = new();

    public Task InitializeAsync() => _mail.InitializeAsync();

    public Task DisposeAsync() => _mail.DisposeAsync();

    [Fact]
    public async Task MailDev_stopped_and_started_during_a_burst_loses_no_email_sends_none_twice_and_all_arrive_within_a_minute_of_its_return()
    {
        using var service = new SmtpServiceFactory(_mail);
        _ = service.Services; // start the host
        var to = $"burst-{Guid.NewGuid():N}@test.invalid";
        var ids = new List<Guid>();

        // The burst starts while the server is up ...
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await service.StageAsync(to, $"Antes {i}"));
        }

        await _mail.WaitForAsync(to, 5, TimeSpan.FromSeconds(60));

        // ... the server stops in the middle of it, and emails keep coming.
        await _mail.StopAsync();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await service.StageAsync(to, $"Durante {i}"));
        }

        var unavailable = await WaitForAsync(
            async () => await service.OutboxHealthAsync() is var check && check["description"]!.GetValue<string>().Contains("unavailable", StringComparison.Ordinal) ? check : null,
            TimeSpan.FromSeconds(60), "the outbox check to report the mail server unavailable");
        Assert.Equal("Degraded", unavailable["status"]!.GetValue<string>());
        var waiting = (await service.RowsAsync(ids)).Count(r => r.Status == OutboxStatuses.Pending);
        Assert.True(waiting >= 20, $"{waiting} emails wait for the server; at least the 20 staged while it was down should");

        // The server comes back; more emails arrive meanwhile.
        await _mail.StartAgainAsync();
        var back = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await service.StageAsync(to, $"Después {i}"));
        }

        var expected = ids.Select(id => $"{id:D}@care.example.org").Order(StringComparer.Ordinal).ToList();
        var received = await WaitForAsync(
            async () => await _mail.ListToAsync(to) is { } all && all.Count >= expected.Count ? all : null,
            TimeSpan.FromSeconds(60) - back.Elapsed, $"all {expected.Count} emails to arrive within a minute of MailDev's return");

        Assert.Equal(expected, received.Select(m => m.MessageId!).Order(StringComparer.Ordinal)); // each once: nothing lost, nothing twice
        Assert.All(await service.RowsAsync(ids), r => Assert.Equal(OutboxStatuses.Sent, r.Status));
        await WaitForAsync(
            async () => await service.OutboxHealthAsync() is var check && check["status"]!.GetValue<string>() == "Healthy" ? check : null,
            TimeSpan.FromSeconds(30), "the outbox check to be healthy again");
        Assert.Equal(expected.Count, (await _mail.ListToAsync(to)).Count); // and nothing more came after
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(watch.Elapsed < deadline, $"Waited {deadline.TotalSeconds:0} s for {what}.");
            await Task.Delay(100);
        }
    }
}
