using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Letters;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Notifications;

/// <summary>Letters: rendered from templates and case data, printed by the real Chromium, read back with pdftotext, stored and audited.</summary>
public sealed class LettersTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private static readonly string TemplatesDirectory = Path.Combine(ApiFactory.RepositoryRoot, "templates");

    private static JsonObject CaseData() => new()
    {
        ["childName"] = "Zyanya Quetzalli",
        ["childNationality"] = "guatemalteca",
        ["childBirthDate"] = "2019-07-03",
        ["consulateName"] = "Consulado General de Guatemala en la Ciudad de México",
        ["familyName"] = "García Robles",
        ["sessionAt"] = "2030-04-02T17:00:00Z",
        ["sessionPlace"] = "Sala 2, Calle de la Amistad 12",
        ["reasons"] = "La vivienda no cuenta todavía con un espacio propio para la niña.",
        ["validUntil"] = "2031-03-14",
    };

    private static LetterTemplates LoadLetters(string? directory = null)
    {
        var organisation = new OrganisationOptions { Name = "Casa Hogar Esperanza" };
        var catalog = TemplateCatalog.Load(TemplatesDirectory, organisation, null, NullLogger<TemplateCatalog>.Instance);
        return LetterTemplates.Load(directory ?? TemplatesDirectory, catalog, new LetterOptions { OrganisationAddress = "Calle de la Amistad 12" }, null, NullLogger<LetterTemplates>.Instance);
    }

    [Fact]
    public void Every_letter_renders_in_spanish_and_english_with_sample_case_data()
    {
        var letters = LoadLetters();
        Assert.Equal(["certificate-of-aptitude", "consulate-request", "family-dropped-out", "family-rejected", "information-session-invitation", "rejection"], letters.Keys);
        var date = new DateTimeOffset(2030, 3, 14, 17, 0, 0, TimeSpan.Zero);
        foreach (var key in letters.Keys)
        {
            Assert.Equal(["en", "es"], letters.LanguagesOf(key));
            var es = letters.Render(key, "es", CaseData(), "CA-2030-0042", date);
            var en = letters.Render(key, "en", CaseData(), "CA-2030-0042", date);
            foreach (var letter in new[] { es, en })
            {
                Assert.Contains("Casa Hogar Esperanza", letter.Html, StringComparison.Ordinal);
                Assert.Contains("Calle de la Amistad 12", letter.Html, StringComparison.Ordinal);
                Assert.Contains("CA-2030-0042", letter.Html, StringComparison.Ordinal);
                Assert.Contains(key == "consulate-request" ? "Zyanya Quetzalli" : "García Robles", letter.Html, StringComparison.Ordinal);
                Assert.Matches("^[0-9a-f]{64}$", letter.TemplateVersion);
            }

            Assert.Contains("14 de marzo de 2030", es.Html, StringComparison.Ordinal);
            Assert.Contains("March 14, 2030", en.Html, StringComparison.Ordinal);
            Assert.NotEqual(es.TemplateVersion, en.TemplateVersion);
        }
    }

    [Fact]
    public void A_date_time_written_by_FEEL_with_a_zone_id_prints_as_the_same_instant()
    {
        // FEEL (and so the engine's clock) writes "…@America/Mexico_City"; ISO 8601 with an offset is the other form.
        var zoned = CaseData();
        zoned["sessionAt"] = "2030-04-02T17:00:00@America/Mexico_City";
        var utc = CaseData();
        utc["sessionAt"] = "2030-04-02T23:00:00Z";

        var fromFeel = LoadLetters().Render("information-session-invitation", "es", zoned, "CA-1", DateTimeOffset.UnixEpoch);
        var fromIso = LoadLetters().Render("information-session-invitation", "es", utc, "CA-1", DateTimeOffset.UnixEpoch);

        Assert.Equal(fromIso.Html, fromFeel.Html);
        Assert.Contains("17:00", fromFeel.Html, StringComparison.Ordinal);
        var unknownZone = CaseData();
        unknownZone["sessionAt"] = "2030-04-02T17:00:00@Nowhere/Atlantis";
        Assert.Throws<TemplateException>(() => LoadLetters().Render("information-session-invitation", "es", unknownZone, "CA-1", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_letter_naming_a_value_the_case_lacks_fails_naming_the_file_and_the_value()
    {
        var data = CaseData();
        data.Remove("familyName");

        var e = Assert.Throws<TemplateException>(() => LoadLetters().Render("rejection", "es", data, "CA-1", DateTimeOffset.UnixEpoch));

        Assert.Matches(@"letters/rejection\.es\.scriban-html\(\d+,\d+\)", e.Message);
        Assert.Contains("familyName", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_values_may_be_missing_and_a_missing_translation_falls_back_to_spanish()
    {
        var data = CaseData();
        data.Remove("reasons");

        var letter = LoadLetters().Render("rejection", "fr-FR", data, "CA-1", DateTimeOffset.UnixEpoch);

        Assert.Equal("es", letter.Language);
        Assert.DoesNotContain("Motivos", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_chromium_is_a_clear_error()
    {
        using var printer = new ChromiumPdfPrinter(new LetterOptions { ChromiumPath = "/nonexistent/chromium" }, TimeProvider.System, NullLogger<ChromiumPdfPrinter>.Instance);

        var e = await Assert.ThrowsAsync<LetterPrintException>(() => printer.PrintToPdfAsync("<p>x</p>", CancellationToken.None));

        Assert.Contains("/nonexistent/chromium", e.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:ChromiumPath", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_is_printed_stored_downloaded_and_every_read_is_audited()
    {
        var id = await factory.StartAsync("NotifiedJourney", CaseData(), "CA-2030-0200");
        var client = factory.ClientAs(Roles.SocialWorker);

        var created = await client.PostAsJsonAsync($"/api/instances/{id}/letters", new { template = "consulate-request", language = "es" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var documentId = document["id"]!.GetValue<string>();
        Assert.Equal($"/api/documents/{documentId}", created.Headers.Location!.OriginalString);

        var listed = (await client.GetFromJsonAsync<JsonArray>($"/api/instances/{id}/documents"))!;
        Assert.Equal(documentId, Assert.Single(listed)!["id"]!.GetValue<string>());
        var download = await client.GetAsync($"/api/documents/{documentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var pdf = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));

        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("Zyanya Quetzalli", text, StringComparison.Ordinal);
        Assert.Contains("14 de marzo de 2030", text, StringComparison.Ordinal);
        Assert.Contains("Casa Hogar Esperanza", text, StringComparison.Ordinal);
        Assert.Contains("Solicitud de aprobación consular", text, StringComparison.Ordinal);
        Assert.Contains("3 de julio de 2019", text, StringComparison.Ordinal);
        Assert.Contains("CA-2030-0200", text, StringComparison.Ordinal);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var row = await db.CaseDocuments.AsNoTracking().SingleAsync(d => d.Id == Guid.Parse(documentId));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), row.ContentHash);
        Assert.Equal(pdf.LongLength, row.Size);
        Assert.Equal("apikey:social-worker-bot", row.CreatedBy);
        Assert.Equal(factory.Clock.GetUtcNow(), row.CreatedAt);
        Assert.Equal(("letter", "consulate-request", "es", "CA-2030-0200"), (row.Kind, row.TemplateKey, row.Language, row.BusinessKey));
        Assert.Equal(TemplateVersion("consulate-request", "es"), row.TemplateVersion);
        var audit = await db.History.AsNoTracking().Where(h => h.InstanceId == id && h.UserId == "apikey:social-worker-bot").Select(h => new { h.Type, h.ItemId }).ToListAsync();
        Assert.Contains(audit, h => h.Type == "LetterGenerated" && h.ItemId == documentId);
        Assert.Contains(audit, h => h.Type == "DocumentsListed");
        Assert.Contains(audit, h => h.Type == "DocumentRead" && h.ItemId == documentId);

        // For people to review the layout: page 1 of the PDF, and the HTML as the browser draws it.
        var screenshots = PdfTools.ScreenshotDirectory();
        await PdfTools.PageOnePngAsync(pdf, Path.Combine(screenshots, "letter-consulate-request-es-pdf-page1.png"));
        var printer = factory.Services.GetRequiredService<LetterPrinter>();
        var html = printer.Templates.Render("consulate-request", "es", CaseData(), "CA-2030-0200", factory.Clock.GetUtcNow()).Html;
        var png = await factory.Services.GetRequiredService<ChromiumPdfPrinter>().ScreenshotAsync(html, CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(screenshots, "letter-consulate-request-es-html.png"), png);
        Assert.True(new FileInfo(Path.Combine(screenshots, "letter-consulate-request-es-pdf-page1.png")).Length > 10_000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Bad_letter_requests_change_nothing_and_say_what_is_wrong()
    {
        var data = CaseData();
        data.Remove("familyName");
        var id = await factory.StartAsync("NotifiedJourney", data, "CA-2030-0201");
        var client = factory.ClientAs(Roles.SocialWorker);

        var unknown = await client.PostAsJsonAsync($"/api/instances/{id}/letters", new { template = "love-letter" });
        var missingValue = await client.PostAsJsonAsync($"/api/instances/{id}/letters", new { template = "rejection", language = "es" });
        var noInstance = await client.PostAsJsonAsync("/api/instances/no-such-instance/letters", new { template = "rejection" });
        var designer = await factory.ClientAs(Roles.Designer).GetAsync($"/api/instances/{id}/documents");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("love-letter", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingValue.StatusCode);
        Assert.Contains("familyName", await missingValue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noInstance.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, designer.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/api/instances/{id}/documents"))!);
    }

    [Fact]
    public async Task A_letter_task_stores_the_document_in_its_completion_and_names_it_in_a_variable()
    {
        var id = await factory.StartAsync("LetterJourney", CaseData(), "CA-2030-0202");

        await factory.OpenTaskAsync(id, "Send_It");
        var instance = (await factory.ClientAs(Roles.SocialWorker).GetFromJsonAsync<JsonObject>($"/api/instances/{id}"))!;
        var documentId = instance["variables"]!["documentId"]!.GetValue<string>();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var row = await db.CaseDocuments.AsNoTracking().SingleAsync(d => d.InstanceId == id);
        Assert.Equal(documentId, row.Id.ToString());
        Assert.Equal(("system", "consulate-request", "es"), (row.CreatedBy, row.TemplateKey, row.Language));
        Assert.Contains("Zyanya Quetzalli", await PdfTools.TextAsync(row.Content), StringComparison.Ordinal);
        Assert.True(await db.History.AnyAsync(h => h.InstanceId == id && h.Type == "LetterGenerated" && h.ItemId == documentId && h.UserId == "system"));
    }

    [Fact]
    public async Task A_family_gets_its_letter_attached_as_a_pdf_to_an_email_with_no_link_into_the_service()
    {
        var id = await factory.StartAsync("FamilyLetter", new JsonObject { ["familyEmail"] = "familia.garcia@example.org", ["familyName"] = "García Robles" }, "FF-2030-0007");
        await factory.OpenTaskAsync(id, "After_Letter");

        var (row, email) = Assert.Single(await factory.OutboxAsync(id));
        Assert.Equal(("family-rejected", "familia.garcia@example.org", "es"), (email.Template, email.To, email.Language));
        Assert.DoesNotContain(NotificationsFactory.PublicBaseUrl, email.Text + email.Html, StringComparison.Ordinal);
        Assert.Contains("Le adjuntamos la carta", email.Text, StringComparison.Ordinal);
        var attached = Assert.Single(email.Attachments ?? []);
        Assert.Equal("family-rejected-FF-2030-0007.pdf", attached.FileName);

        using var scope = factory.Services.CreateScope();
        var document = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().CaseDocuments.AsNoTracking().SingleAsync(d => d.InstanceId == id);
        Assert.Equal(document.Id, attached.DocumentId);

        // The message as it was sent (the .eml written without SMTP): the letter is a PDF part, byte for byte.
        using var eml = await factory.ClientAs(Roles.Admin).GetAsync($"/api/outbox/{row.Id}.eml");
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        using var message = await MimeKit.MimeMessage.LoadAsync(await eml.Content.ReadAsStreamAsync());
        var part = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal(("application/pdf", "family-rejected-FF-2030-0007.pdf"), (part.ContentType.MimeType, part.FileName));
        using var pdf = new MemoryStream();
        await part.Content!.DecodeToAsync(pdf);
        Assert.Equal(document.Content, pdf.ToArray());
        Assert.Contains("García Robles", await PdfTools.TextAsync(pdf.ToArray()), StringComparison.Ordinal);
        Assert.Equal(NotificationsFactory.Organisation, Assert.Single(message.From.Mailboxes).Name);
    }

    [Fact]
    public async Task A_letter_request_repeated_with_its_Idempotency_Key_answers_as_the_first_and_prints_no_second_letter()
    {
        var id = await factory.StartAsync("NotifiedJourney", CaseData(), "CA-2030-0203");
        var client = factory.ClientAs(Roles.SocialWorker);
        async Task<(HttpResponseMessage Response, string Body)> PostAsync(string key, string template)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/instances/{id}/letters") { Content = JsonContent.Create(new { template, language = "es" }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadAsStringAsync());
        }

        async Task<int> CountAsync(string type)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            return type == "documents"
                ? await db.CaseDocuments.CountAsync(d => d.InstanceId == id)
                : await db.History.CountAsync(h => h.InstanceId == id && h.Type == type);
        }

        var (first, firstBody) = await PostAsync("letter-1", "consulate-request");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var (again, againBody) = await PostAsync("letter-1", "consulate-request");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(firstBody, againBody);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(again.Headers.TryGetValues("Idempotency-Replayed", out var replayed) && replayed.Single() == "true");
        Assert.Equal(1, await CountAsync("documents"));
        Assert.Equal(1, await CountAsync("LetterGenerated"));

        // The same key for another letter is refused, and prints nothing.
        var (other, otherBody) = await PostAsync("letter-1", "rejection");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("Idempotency-Key", otherBody, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("documents"));

        // Two requests with a new key at once (a client's retry racing its first try): one letter, one answer for both.
        var racing = await Task.WhenAll(PostAsync("letter-2", "consulate-request"), PostAsync("letter-2", "consulate-request"));
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.Created, r.Response.StatusCode));
        Assert.Equal(racing[0].Body, racing[1].Body);
        Assert.NotEqual(firstBody, racing[0].Body);
        Assert.Equal(2, await CountAsync("documents"));
        Assert.Equal(2, await CountAsync("LetterGenerated"));
    }

    private static string TemplateVersion(string key, string language)
    {
        string Source(string name) => File.ReadAllText(Path.Combine(TemplatesDirectory, "letters", name), Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Source($"_layout.{language}.scriban-html") + "\n" + Source($"{key}.{language}.scriban-html"))));
    }
}
