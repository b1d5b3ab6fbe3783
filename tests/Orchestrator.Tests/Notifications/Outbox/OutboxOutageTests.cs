using System.Diagnostics;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

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
