using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Templates;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Notifications;

public sealed class TemplateCatalogTests
{
    private static readonly string TemplatesDirectory = Path.Combine(ApiFactory.RepositoryRoot, "templates");

    /// <summary>The emails that go to people outside the organisation: they carry no link into the service.</summary>
    internal static readonly string[] OutsideEmails =
    [
        "certificate-issued", "consulate-approval-request", "family-dropped-out", "family-rejected", "information-session-invitation", "information-session-reminder",
    ];

    private static TemplateCatalog Load(string? logoUrl = null) =>
        TemplateCatalog.Load(TemplatesDirectory, new OrganisationOptions { Name = "Casa Hogar" }, logoUrl, NullLogger<TemplateCatalog>.Instance);

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
                    if (OutsideEmails.Contains(key))
                    {
                        // Even when a link is given, an email meant for outside people has no link into the service.
                        Assert.DoesNotContain("http", email.Text, StringComparison.Ordinal);
                        Assert.DoesNotContain("href", email.Html, StringComparison.Ordinal);
                    }
                    else
                    {
                        Assert.Contains("http://localhost:5080/cases/CA-2026-0001", email.Text, StringComparison.Ordinal);
                        Assert.Contains("href=\"http://localhost:5080/cases/CA-2026-0001\"", email.Html, StringComparison.Ordinal);
                    }

                    Assert.Contains("Casa Hogar", email.Html, StringComparison.Ordinal);
                    Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
                    Assert.DoesNotContain("<p>", email.Text, StringComparison.Ordinal);
                    Assert.DoesNotContain("{{", email.Html + email.Text, StringComparison.Ordinal);
                    Assert.Contains(language == "es" ? "Recibe este correo" : "You receive this email", email.Text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Staff_emails_without_a_link_leave_the_link_out_and_a_reminder_points_to_the_personal_link()
    {
        var reminder = Load().RenderEmail("task-reminder", "es", EmailModel.Sample with { Link = null, Reason = "send-task" });

        Assert.DoesNotContain("http", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("enlace personal", reminder.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Abrir la tarea", reminder.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_escaped_in_the_html_part_and_written_as_they_are_in_the_text_part_and_subject()
    {
        var catalog = TemplateCatalog.Load(TemplatesDirectory, new OrganisationOptions { Name = "Niñas & Niños <A.C.>" }, null, NullLogger<TemplateCatalog>.Instance);

        var email = catalog.RenderEmail("task-assigned", "es", EmailModel.Sample with { TaskName = "<script>alert(1)</script> Visita \"urgente\"", Reason = "assignee" });

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Visita &quot;urgente&quot;", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Niñas &amp; Niños &lt;A.C.&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> Visita \"urgente\"", email.Text, StringComparison.Ordinal);
        Assert.StartsWith("Nueva tarea: <script>alert(1)</script>", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Niñas & Niños <A.C.>", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_logo_is_shown_only_when_the_organisation_has_one()
    {
        var without = Load().RenderEmail("task-assigned", "es", EmailModel.Sample);
        var with = Load("cid:organisation-logo@orchestrator").RenderEmail("task-assigned", "es", EmailModel.Sample);

        Assert.DoesNotContain("<img", without.Html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"cid:organisation-logo@orchestrator\"", with.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_naming_a_value_the_model_lacks_stops_the_load_with_the_file_line_and_column()
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("broken.es.scriban-html", "---\nsubject: Hola {{ childName }}\n---\n<p>x</p>\n--- text ---\nx\n"));

        Assert.Contains("broken.es.scriban-html(2,18)", e.Message, StringComparison.Ordinal);
        Assert.Contains("childName", e.Message, StringComparison.Ordinal);
        Assert.Contains("caseReference", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_does_not_parse_stops_the_load_with_the_file_line_and_column()
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("unclosed.es.scriban-html", "---\nsubject: x\n---\n<p>ok</p>\n<p>{{ if due }}x</p>\n--- text ---\nx\n"));

        Assert.Matches(@"unclosed\.es\.scriban-html\(5,\d+\)", e.Message);
    }

    /// <summary>Every way out of the model we could think of: each is refused when the catalog loads, naming the file and the place.</summary>
    [Theory]
    [InlineData("{{ this }}", "'this'", 1, 4)]
    [InlineData("{{ this.childName }}", "'this'", 1, 4)]
    [InlineData("{{ this[\"childName\"] }}", "'this'", 1, 4)]
    [InlineData("<p>{{ with this }}{{ childName }}{{ end }}</p>", "'with'", 1, 7)]
    [InlineData("{{ import this }}", "'import'", 1, 4)]
    [InlineData("{{ include \"../../appsettings.json\" }}", "'include'", 1, 4)]
    [InlineData("{{ object.typeof caseReference }}", "'object'", 1, 4)]
    [InlineData("{{ caseReference | string.upcase }}", "'string'", 1, 20)]
    [InlineData("{{ html.escape caseReference }}", "'html'", 1, 4)]
    [InlineData("{{ date.now }}", "'date' is a function", 1, 4)]
    [InlineData("{{ due.ticks }}", "member", 1, 4)]
    [InlineData("{{ link.size }}", "member", 1, 4)]
    [InlineData("{{ caseReference \"x\" }}", "called as a function", 1, 4)]
    [InlineData("{{ childName }}", "'childName' is not a value", 1, 4)]
    [InlineData("{{ for x in [1, 2] }}{{ x.y }}{{ end }}", "member", 1, 25)]
    public void A_template_reaching_outside_its_model_is_refused_at_load_naming_the_place(string body, string why, int line, int column)
    {
        // The body starts on line 4 of the file (after the front matter).
        var e = Assert.Throws<TemplateException>(() => LoadWith("escape.es.scriban-html", $"---\nsubject: x\n---\n{body}\n--- text ---\nx\n"));

        Assert.Contains($"escape.es.scriban-html({line + 3},{column})", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ while true }}x{{ end }}", "iteration limit")]
    [InlineData("{{ for i in 1..100000 }}{{ end }}", "LoopLimit")]
    [InlineData("{{ func deeper; deeper; end; deeper }}", "recursive depth limit")]
    [InlineData("{{ date \"not a date\" }}", "date expects a date-time")]
    public void A_template_that_runs_away_or_misuses_a_function_stops_the_load_when_its_sample_is_rendered(string body, string why)
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("runaway.es.scriban-html", $"---\nsubject: x\n---\n{body}\n--- text ---\nx\n"));

        Assert.Matches(@"runaway\.es\.scriban-html\(4,\d+\)", e.Message);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_the_default_language_stops_the_load()
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("only-english.en.scriban-html", "---\nsubject: Hi\n---\n<p>x</p>\n--- text ---\nx\n", "_layout.en.scriban-html"));

        Assert.Contains("only-english.en.scriban-html", e.Message, StringComparison.Ordinal);
        Assert.Contains("only-english.es.scriban-html", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_a_subject_or_text_part_or_with_an_unknown_attachment_stops_the_load()
    {
        Assert.Contains("no 'subject:'", Assert.Throws<TemplateException>(() => LoadWith("no-subject.es.scriban-html", "<p>x</p>\n--- text ---\nx\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no plain-text part", Assert.Throws<TemplateException>(() => LoadWith("no-text.es.scriban-html", "---\nsubject: x\n---\n<p>x</p>\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no-close.es.scriban-html", Assert.Throws<TemplateException>(() => LoadWith("no-close.es.scriban-html", "---\nsubject: x\n<p>{{ if due }}x</p>\n--- text ---\nx\n")).Message, StringComparison.Ordinal);
        Assert.Contains("'attach: invoice'", Assert.Throws<TemplateException>(() => LoadWith("attach.es.scriban-html", "---\nsubject: x\nattach: invoice\n---\n<p>x</p>\n--- text ---\nx\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handlebars_file_left_behind_stops_the_load_saying_how_to_convert_it()
    {
        var e = Assert.Throws<TemplateException>(() => LoadWith("old.es.hbs", "---\nsubject: x\n---\n<p>{{#if due}}x{{/if}}</p>\n--- text ---\nx\n"));

        Assert.Contains("old.es.hbs", e.Message, StringComparison.Ordinal);
        Assert.Contains(".scriban-html", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_family_letters_emails_ask_for_their_letter_as_an_attachment()
    {
        var catalog = Load();

        Assert.Equal(["family-dropped-out", "family-rejected"], catalog.EmailKeys.Where(catalog.AttachesLetter));
    }

    private static TemplateCatalog LoadWith(string name, string source, string layout = "_layout.es.scriban-html")
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-templates-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "email"));
            File.Copy(Path.Combine(TemplatesDirectory, "email", layout), Path.Combine(directory.FullName, "email", layout));
            File.WriteAllText(Path.Combine(directory.FullName, "email", name), source);
            return TemplateCatalog.Load(directory.FullName, new OrganisationOptions(), null, NullLogger<TemplateCatalog>.Instance);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
