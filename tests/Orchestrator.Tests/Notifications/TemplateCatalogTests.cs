using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Notifications;
using Orchestrator.Notifications.Templates;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Notifications;

public sealed class TemplateCatalogTests
{
    private static readonly string TemplatesDirectory = Path.Combine(ApiFactory.RepositoryRoot, "templates");

    private static TemplateCatalog Load() => TemplateCatalog.Load(TemplatesDirectory, new NotificationOptions { OrganisationName = "Casa Hogar" }, NullLogger<TemplateCatalog>.Instance);

    [Fact]
    public void An_email_is_rendered_in_the_recipients_language_inside_the_layout()
    {
        var model = new EmailModel("CA-2026-0001", new Uri("http://localhost:5080/act/abc"))
        {
            TaskName = "Consulate approval",
            ExpiresAt = new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero),
            Reason = "external-recipient",
        };

        var es = Load().RenderEmail("email-action", "es-MX", model);
        var en = Load().RenderEmail("email-action", "en", model);

        Assert.Equal("es", es.Language);
        Assert.Equal("Se requiere su respuesta — caso CA-2026-0001", es.Subject);
        Assert.Contains("Casa Hogar", es.Html, StringComparison.Ordinal);
        Assert.Contains("6 de diciembre de 2026, 12:00 (America/Mexico_City)", es.Text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/act/abc", es.Text, StringComparison.Ordinal);
        Assert.Contains("December 6, 2026, 12:00", en.Html, StringComparison.Ordinal);
        Assert.Contains("You receive this email because Casa Hogar asks", en.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_translation_falls_back_to_spanish()
    {
        var email = Load().RenderEmail("task-assigned", "fr", new EmailModel("CA-1", null) { TaskName = "Visit", Reason = "assignee" });

        Assert.Equal("es", email.Language);
        Assert.StartsWith("Nueva tarea: Visit", email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_email_template_renders_in_spanish_and_english_with_sample_data()
    {
        var catalog = Load();
        string[] expected =
        [
            "certificate-issued", "consulate-approval-request", "email-action", "email-action-expired", "family-dropped-out", "family-rejected",
            "information-session-invitation", "information-session-reminder", "task-assigned", "task-available", "task-escalated", "task-reminder",
        ];
        Assert.Equal(expected, catalog.EmailKeys);
        foreach (var key in expected)
        {
            Assert.Equal(["en", "es"], catalog.LanguagesOf(key));
            foreach (var language in new[] { "es", "en" })
            {
                foreach (var reason in new[] { "assignee", "candidate-group", "candidate-user", "coordinator", "external-recipient", "send-task" })
                {
                    var email = catalog.RenderEmail(key, language, EmailModel.Sample with { Reason = reason });
                    var what = $"{key}.{language} ({reason})";
                    Assert.Equal(language, email.Language);
                    Assert.False(string.IsNullOrWhiteSpace(email.Subject), what);
                    Assert.DoesNotContain("\n", email.Subject, StringComparison.Ordinal);
                    Assert.Contains("CA-2026-0001", email.Subject + email.Text, StringComparison.Ordinal);
                    Assert.Contains("http://localhost:5080/cases/CA-2026-0001", email.Text, StringComparison.Ordinal);
                    Assert.Contains("href=\"http://localhost:5080/cases/CA-2026-0001\"", email.Html, StringComparison.Ordinal);
                    Assert.Contains("Casa Hogar", email.Html, StringComparison.Ordinal);
                    Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
                    Assert.DoesNotContain("<p>", email.Text, StringComparison.Ordinal);
                    Assert.Contains(language == "es" ? "Recibe este correo" : "You receive this email", email.Text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void A_template_naming_a_value_the_model_lacks_stops_the_load_with_the_file_name()
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("broken.es.hbs", "---\nsubject: Hola {{childName}}\n---\n<p>x</p>\n--- text ---\nx\n"));

        Assert.Contains("broken.es.hbs", e.Message, StringComparison.Ordinal);
        Assert.Contains("childName", e.Message, StringComparison.Ordinal);
        Assert.Contains("caseReference", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_the_default_language_stops_the_load()
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("only-english.en.hbs", "---\nsubject: Hi\n---\n<p>x</p>\n--- text ---\nx\n", "_layout.en.hbs"));

        Assert.Contains("only-english.en.hbs", e.Message, StringComparison.Ordinal);
        Assert.Contains("only-english.es.hbs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_a_subject_or_text_part_stops_the_load()
    {
        Assert.Contains("no 'subject:'", Assert.Throws<TemplateException>(() => LoadWith("no-subject.es.hbs", "<p>x</p>\n--- text ---\nx\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no plain-text part", Assert.Throws<TemplateException>(() => LoadWith("no-text.es.hbs", "---\nsubject: x\n---\n<p>x</p>\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no-close.es.hbs", Assert.Throws<TemplateException>(() => LoadWith("no-close.es.hbs", "---\nsubject: x\n<p>{{#if due}}x</p>\n--- text ---\nx\n")).Message, StringComparison.Ordinal);
    }

    private static TemplateCatalog LoadWith(string name, string source, string layout = "_layout.es.hbs")
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-templates-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "email"));
            File.Copy(Path.Combine(TemplatesDirectory, "email", layout), Path.Combine(directory.FullName, "email", layout));
            File.WriteAllText(Path.Combine(directory.FullName, "email", name), source);
            return TemplateCatalog.Load(directory.FullName, new NotificationOptions(), NullLogger<TemplateCatalog>.Instance);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
