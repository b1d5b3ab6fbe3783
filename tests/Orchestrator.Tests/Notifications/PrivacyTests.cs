using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Notifications.Templates;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Notifications;

/// <summary>
/// No child's name or story in an email: the model an email template gets has only reviewed fields (a case reference,
/// a link, a task name, dates, why), every email template names only those, and a journey whose variables hold a
/// child's name sends email by every path without that name in any outbox row.
/// </summary>
public sealed partial class PrivacyTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private const string ChildName = "Zyanya Quetzalli";

    /// <summary>The reviewed fields. Adding one to EmailModel fails here until it is reviewed and added (a privacy decision).</summary>
    private static readonly Dictionary<string, Type> ReviewedFields = new(StringComparer.Ordinal)
    {
        ["CaseReference"] = typeof(string),
        ["Link"] = typeof(Uri),
        ["TaskName"] = typeof(string),
        ["Due"] = typeof(DateTimeOffset?),
        ["ExpiresAt"] = typeof(DateTimeOffset?),
        ["Reason"] = typeof(string),
        ["Group"] = typeof(string),
    };

    [Fact]
    public void The_email_model_has_only_reviewed_fields()
    {
        var fields = typeof(EmailModel).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);

        Assert.Equal(ReviewedFields.OrderBy(f => f.Key, StringComparer.Ordinal), fields.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(["caseReference", "due", "expiresAt", "group", "language", "link", "organisationLogo", "organisationName", "reason", "taskName"],
            TemplateCatalog.ModelNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_email_template_names_only_values_of_the_model()
    {
        var allowed = TemplateCatalog.ModelNames.Concat(["body", "if", "else", "end", "date", "datetime"]).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "templates", "email"), "*" + TemplateCatalog.Extension);
        Assert.True(files.Length >= 26, $"only {files.Length} email templates found");
        foreach (var file in files)
        {
            foreach (Match expression in Mustache().Matches(File.ReadAllText(file)))
            {
                var words = Word().Matches(StringLiteral().Replace(expression.Groups[1].Value, "")).Select(m => m.Value);
                foreach (var word in words)
                {
                    Assert.True(allowed.Contains(word), $"{Path.GetFileName(file)} names '{word}' in {expression.Value}, which is not a value of the email model ({string.Join(", ", TemplateCatalog.ModelNames)}).");
                }
            }
        }
    }

    [Fact]
    public async Task A_journey_that_emails_by_every_path_puts_no_childs_name_in_any_outbox_row()
    {
        var variables = new JsonObject
        {
            ["childName"] = ChildName,
            ["childStory"] = $"{ChildName} llegó a la casa hogar en 2029.",
            ["familyEmails"] = new JsonArray("familia.garcia@example.org", "abuela@example.org"),
            ["due"] = "2030-04-02T17:00:00Z",
        };
        var id = await factory.StartAsync("NotifiedJourney", variables, "CA-2030-0042");

        await factory.FireTimerAsync(id, "Remind_Review");
        await factory.FireTimerAsync(id, "Escalate_Review");
        var decide = await factory.OpenTaskAsync(id, "Coordinator_Review");
        var completed = await factory.ClientAs(Roles.Coordinator).PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(decide)}/complete", new { variables = new JsonObject() });
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        var legal = await factory.OpenTaskAsync(id, "Legal");
        Assert.Equal(HttpStatusCode.NoContent, (await factory.ClientAs(Roles.Lawyer).PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(legal)}/complete", new { variables = new JsonObject() })).StatusCode);
        await factory.OpenTaskAsync(id, "Quiet");

        var outbox = await factory.OutboxAsync(id);
        var sent = outbox.Select(o => $"{o.Email.Template}:{o.Email.To}:{o.Email.Language}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "information-session-invitation:abuela@example.org:en",
            "information-session-invitation:familia.garcia@example.org:en",
            "task-assigned:sara@staff.example.org:en",
            "task-available:carla@staff.example.org:es",
            "task-available:lucia@staff.example.org:es",
            "task-available:luis@staff.example.org:en",
            "task-escalated:carla@staff.example.org:es",
            "task-reminder:sara@staff.example.org:en",
        ], sent);
        foreach (var (row, email) in outbox)
        {
            Assert.DoesNotContain("Zyanya", row.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quetzalli", row.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("casa hogar en 2029", row.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("CA-2030-0042", email.Subject + email.Text, StringComparison.Ordinal);
            Assert.Contains(NotificationsFactory.Organisation, email.Html, StringComparison.Ordinal);

            // Staff get a link behind the sign-in; the family, outside the organisation, gets none into the service.
            if (email.To.EndsWith("@staff.example.org", StringComparison.Ordinal))
            {
                Assert.Contains(NotificationsFactory.PublicBaseUrl + "/", email.Text, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain(NotificationsFactory.PublicBaseUrl, email.Text + email.Html, StringComparison.Ordinal);
            }
        }

        var invitation = outbox.First(o => o.Email.Template == "information-session-invitation").Email;
        Assert.Contains("personal link in a separate email", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("April 2, 2030, 11:00 (America/Mexico_City)", invitation.Text, StringComparison.Ordinal);
        var assigned = outbox.First(o => o.Email.Template == "task-assigned").Email;
        Assert.Contains(NotificationsFactory.PublicBaseUrl + "/tasks/", assigned.Text, StringComparison.Ordinal);
        Assert.Contains("because the task was assigned to you", assigned.Text, StringComparison.Ordinal);
        Assert.Contains("Review the referral", assigned.Subject, StringComparison.Ordinal); // sara reads English
        var escalated = outbox.First(o => o.Email.Template == "task-escalated").Email;
        Assert.Contains("Revisar la canalización", escalated.Subject, StringComparison.Ordinal); // carla reads Spanish: the task's name too
        Assert.Contains("coordina los casos", escalated.Text, StringComparison.Ordinal);
        var available = outbox.First(o => o.Email.Template == "task-available" && o.Email.To.StartsWith("luis", StringComparison.Ordinal)).Email;
        Assert.Contains("group \"lawyer\"", available.Text, StringComparison.Ordinal);
        Assert.Contains("Legal assessment", available.Subject, StringComparison.Ordinal);
        var disponible = outbox.First(o => o.Email.Template == "task-available" && o.Email.To.StartsWith("lucia", StringComparison.Ordinal)).Email;
        Assert.Contains("Valoración jurídica", disponible.Subject, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\{\{?([^}]*)\}?\}\}")]
    private static partial Regex Mustache();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_.]*")]
    private static partial Regex Word();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex StringLiteral();
}
