using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
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
}
