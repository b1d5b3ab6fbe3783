using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// The proof, all parts real: the service on PostgreSQL sends the outside approval email over SMTP to MailDev;
/// the test takes the link from the message MailDev received, opens it (nothing changes), approves, and the instance
/// moves on.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class EmailActionMailDevTests(PostgresServer postgres, MailDevServer mailDev) : IClassFixture<MailDevServer>
{
    [Fact]
    public async Task The_consulate_approves_through_the_link_in_the_email_it_received()
    {
        using var factory = await EmailActionFactory.CreateAsync(postgres, extraSettings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = mailDev.Host,
            ["Smtp:Port"] = mailDev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:From"] = "orchestrator@dif.example",
        });
        var consul = $"consul-{Guid.NewGuid():N}@consulado.example";
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0101", new JsonObject { ["consulateEmail"] = consul, ["childName"] = "Zyanya Quetzalli" });

        var message = Assert.Single(await mailDev.WaitForAsync(consul));
        Assert.Contains("CA-2026-0101", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Zyanya", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zyanya", message.Html, StringComparison.Ordinal);
        var link = EmailActionFactory.LinkIn(message.Text!);

        // Once sent, the outbox keeps no live link (the token is the recipient's credential; only its hash is stored).
        var kept = await SentCopyAsync(factory, id);
        Assert.Contains("/act/[redacted]", kept.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(link.Segments[^1], kept.Html, StringComparison.Ordinal);

        using var browser = factory.Browser();
        var before = await factory.SnapshotAsync(id);
        var (status, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before, await factory.SnapshotAsync(id));

        var (answered, confirmation) = await ActPage.PostAsync(browser, link, page, ("decision", "approve"));
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Contains("Gracias", confirmation, StringComparison.Ordinal);
        Assert.Equal(["Task_ArrangeTransfer"], await factory.ActiveAsync(id));
        Assert.True((await factory.InstanceAsync(id))["variables"]!["approved"]!.GetValue<bool>());
    }

    /// <summary>The email's outbox row once the dispatcher recorded it as sent (it records right after MailDev took it).</summary>
    private static async Task<Orchestrator.Notifications.Outbox.OutboxEmailPayload> SentCopyAsync(EmailActionFactory factory, string instanceId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>();
            var rows = await db.Outbox.AsNoTracking().Where(o => o.Status == "sent").ToListAsync();
            var mine = rows.Select(r => Orchestrator.Notifications.Outbox.EmailOutbox.ReadPayload(r)).FirstOrDefault(p => p.InstanceId == instanceId && p.Template == "email-action");
            if (mine is not null)
            {
                return mine;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The email-action email was never recorded as sent.");
    }
}
