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
    public void A_template_naming_a_missing_value_fails_with_the_file_name()
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-templates-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "email"));
            File.Copy(Path.Combine(TemplatesDirectory, "email", "_layout.es.hbs"), Path.Combine(directory.FullName, "email", "_layout.es.hbs"));
            File.WriteAllText(Path.Combine(directory.FullName, "email", "broken.es.hbs"), "---\nsubject: Hola {{childName}}\n---\n<p>x</p>\n--- text ---\nx\n");
            var catalog = TemplateCatalog.Load(directory.FullName, new NotificationOptions(), NullLogger<TemplateCatalog>.Instance);

            var e = Assert.Throws<TemplateException>(() => catalog.RenderEmail("broken", "es", new EmailModel("CA-1", null)));

            Assert.Contains("broken.es.hbs", e.Message, StringComparison.Ordinal);
            Assert.Contains("childName", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
