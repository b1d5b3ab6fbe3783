using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Notifications.Effects;
using Orchestrator.Security;

namespace Orchestrator.Tests.Notifications;

public sealed class SendTaskTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public void Recipients_are_an_address_a_separated_list_or_a_list()
    {
        Assert.Equal(["a@example.org"], SendTaskHandler.Recipients(JsonValue.Create("a@example.org")).Addresses);
        Assert.Equal(["a@example.org", "b@example.org"], SendTaskHandler.Recipients(JsonValue.Create(" a@example.org; b@example.org ,a@example.org")).Addresses);
        Assert.Equal(["a@example.org", "b@example.org"], SendTaskHandler.Recipients(new JsonArray("a@example.org", "b@example.org")).Addresses);
        Assert.Contains("'Familia García' is not an email address", SendTaskHandler.Recipients(JsonValue.Create("Familia García")).Problem, StringComparison.Ordinal);
        Assert.Contains("Ana <ana@example.org>", SendTaskHandler.Recipients(JsonValue.Create("Ana <ana@example.org>")).Problem, StringComparison.Ordinal);
        Assert.Contains("evaluated to null", SendTaskHandler.Recipients(null).Problem, StringComparison.Ordinal);
        Assert.Contains("holds 42", SendTaskHandler.Recipients(new JsonArray("a@example.org", 42)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_task_to_a_value_that_is_not_an_address_becomes_an_incident_naming_the_element_and_sends_nothing()
    {
        var id = await factory.StartAsync("BadSend", new JsonObject { ["familyEmail"] = "Familia García" }, "CA-2030-0100");

        var incidents = await factory.ClientAs(Roles.Coordinator).GetFromJsonAsync<JsonArray>("/api/incidents");
        var incident = Assert.Single(incidents!.OfType<JsonObject>(), i => i["instanceId"]!.GetValue<string>() == id);
        Assert.Equal("Send_Bad", incident["elementId"]!.GetValue<string>());
        Assert.Contains("Send task Send_Bad: orc:to 'Familia García' is not an email address.", incident["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxAsync(id));
    }

    [Fact]
    public async Task A_send_task_stages_one_row_per_recipient_and_gives_outside_recipients_no_staff_link()
    {
        var id = await factory.StartAsync("NotifiedJourney", new JsonObject { ["familyEmails"] = "familia@example.org; tutor@example.org" }, "CA-2030-0101");

        var rows = (await factory.OutboxAsync(id)).Where(r => r.Email.Template == "information-session-invitation").ToList();
        Assert.Equal(["familia@example.org", "tutor@example.org"], rows.Select(r => r.Email.To).Order(StringComparer.Ordinal));
        Assert.All(rows, r =>
        {
            Assert.Contains(r.Row.Status, new[] { "pending", "sent" }); // the host's dispatcher may already have written it (no SMTP: a .eml file)
            Assert.Null(r.Email.TaskId);
            Assert.Equal("en", r.Email.Language);
            Assert.Equal("Invitation to an information session — Casa Hogar Esperanza (reference CA-2030-0101)", r.Email.Subject);
            Assert.DoesNotContain("https://orchestrator.example.org", r.Email.Html + r.Email.Text, StringComparison.Ordinal); // outside the organisation: no staff link
            Assert.DoesNotContain(" on ", r.Email.Text.Split('\n')[2], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_send_task_links_staff_to_the_case_and_gives_an_outside_recipient_no_link_into_the_service()
    {
        var id = await factory.StartAsync("MixedSend", new JsonObject { ["recipients"] = new JsonArray("sara@staff.example.org", "consul@consulado.example") }, "CA-2030-0102");

        var rows = await factory.OutboxAsync(id);
        var staff = Assert.Single(rows, r => r.Email.To == "sara@staff.example.org").Email;
        var consulate = Assert.Single(rows, r => r.Email.To == "consul@consulado.example").Email;
        Assert.Contains("https://orchestrator.example.org/cases/CA-2030-0102", staff.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://orchestrator.example.org/cases/CA-2030-0102\"", staff.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://orchestrator.example.org", consulate.Text + consulate.Html, StringComparison.Ordinal);
        Assert.Contains("personal link we emailed you", consulate.Text, StringComparison.Ordinal);
    }
}
