using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Notifications;
using Orchestrator.Tests.Notifications.EmailActions;

namespace Orchestrator.Tests.Journeys.EndToEnd;

/// <summary>foster-family-certification through the service: the path that ends with a certified family in the register.</summary>
public sealed partial class JourneyEndToEndTests
{
    [Fact]
    public async Task A_family_goes_on_after_the_session_is_evaluated_in_parallel_is_trained_certified_for_24_months_with_the_certificate_printed_and_enters_the_register()
    {
        await PdfTools.EnsureAsync();
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        var familyEmail = Unique("familia", "correo.example");
        var coordinator = Unique("coordinacion", "dif.example");
        var familyId = "fam-" + Guid.NewGuid().ToString("N")[..10];
        var familyReference = "FF-E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await service.PostAsync(Roles.Coordinator, "/api/foster-families", new JsonObject
        {
            ["id"] = familyId, ["reference"] = familyReference, ["name"] = "Familia Méndez Cruz", ["languages"] = "es", ["capacity"] = 1, ["email"] = familyEmail,
        }, HttpStatusCode.Created);
        Assert.Equal("applicant", (await FamilyAsync(service, familyId))["status"]!.GetValue<string>());

        var id = await service.StartAsync("foster-family-certification", familyReference, new JsonObject
        {
            ["familyId"] = familyId, ["familyReference"] = familyReference, ["familyEmail"] = familyEmail, ["familyLanguage"] = "es", ["coordinatorEmail"] = coordinator,
        });
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_RecordApplication", new JsonObject
        {
            ["householdNotes"] = "Matrimonio con experiencia de cuidado; casa con dos recámaras.", ["capacity"] = 2, ["languages"] = "es, tsotsil",
        });

        var link = EmailActionFactory.LinkIn(Assert.Single(await mailDev.WaitForAsync(familyEmail, 2), m => ActLink().IsMatch(m.Text ?? "")).Text!);
        using var browser = service.Browser();
        var (opened, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, opened);
        var (posted, confirmation) = await ActPage.PostAsync(browser, link, page, ("data", new JsonObject { ["attending"] = true }.ToJsonString()));
        Assert.True(posted == HttpStatusCode.OK, $"{(int)posted}: {confirmation}");

        await service.CompleteAsync(Roles.SocialWorker, id, "Task_RecordSession", new JsonObject { ["attended"] = true, ["wantsToContinue"] = true });
        var evaluationStart = service.Clock.GetUtcNow();

        // Step 3: the three evaluations at once, each in its profession's inbox only.
        Assert.Equal(["Task_LegalEvaluation"], Sorted(await service.InboxAsync(Roles.Lawyer, id)));
        Assert.Equal(["Task_SocialEvaluation"], Sorted(await service.InboxAsync(Roles.SocialWorker, id)));
        Assert.Equal(["Task_PsychologicalEvaluation"], Sorted(await service.InboxAsync(Roles.Psychologist, id)));
        await service.CompleteAsync(Roles.Lawyer, id, "Task_LegalEvaluation", new JsonObject { ["suitable"] = true, ["notes"] = "Sin antecedentes penales." });
        Assert.Contains("Task_SocialEvaluation", (await service.InboxAsync(Roles.SocialWorker, id)).Keys); // the join waits

        // The confirmed invitation's reminder cycle and deadline are gone; after 30 days the team is reminded once.
        service.Clock.Set(evaluationStart + TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await service.FireDueTimersAsync());
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.FireDueTimersAsync());
        var reminder = Assert.Single(await mailDev.WaitForAsync(coordinator, 1));
        Assert.Contains(familyReference, reminder.Subject, StringComparison.Ordinal);

        await service.CompleteAsync(Roles.SocialWorker, id, "Task_SocialEvaluation", new JsonObject { ["suitable"] = true, ["notes"] = "Visita domiciliaria favorable." });
        Assert.DoesNotContain("Task_Training", (await service.InboxAsync(Roles.SocialWorker, id)).Keys);
        await service.CompleteAsync(Roles.Psychologist, id, "Task_PsychologicalEvaluation", new JsonObject { ["suitable"] = true, ["notes"] = "Vínculo estable, motivación adecuada." });

        // Suitable in all three: step 4, offered to social workers and psychologists.
        Assert.Contains("Task_Training", (await service.InboxAsync(Roles.Psychologist, id)).Keys);
        service.Clock.Advance(TimeSpan.FromDays(12));
        var certifiedAt = service.Clock.GetUtcNow();
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_Training", new JsonObject { ["trainingCompleted"] = true, ["notes"] = "Cinco sesiones completas." });

        // The certificate of aptitude: number from the family's reference, valid 24 months from today on the service's clock.
        var expected = "DIF-CERT-" + certifiedAt.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + familyReference;
        var instance = await service.InstanceAsync(id);
        Assert.True(instance["variables"]!["certificateNumber"]?.GetValue<string>() == expected, instance.ToJsonString());
        var family = await FamilyAsync(service, familyId);
        Assert.Equal(expected, family["certificateNumber"]!.GetValue<string>());
        Assert.Equal(certifiedAt, family["certifiedAt"]!.GetValue<DateTimeOffset>());
        var expiresAt = family["certificateExpiresAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(certifiedAt.AddMonths(24), expiresAt);

        // Entered in the register used for matching, with the characteristics of the application.
        Assert.True(family["status"]!.GetValue<string>() == "active", $"{family["status"]}: {await service.JobsAsync(id)}");
        Assert.Equal(certifiedAt, family["registeredAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2, family["capacity"]!.GetValue<int>());
        Assert.Equal("es, tsotsil", family["languages"]!.GetValue<string>());
        Assert.Null(family["closureReason"]);
        Assert.Contains((await service.GetAsync(Roles.Coordinator, "/api/foster-families?status=active")).AsArray(), f => f!["id"]!.GetValue<string>() == familyId);

        // The certificate of aptitude is printed as a case document: its template and version, the family's reference
        // (never its name), the number and the expiry as the family reads it (the organisation's zone, in Spanish).
        var letter = Assert.Single((await service.GetAsync(Roles.SocialWorker, $"/api/instances/{id}/documents")).AsArray())!;
        Assert.Equal(("letter", "certificate-of-aptitude", "es", "application/pdf"), (letter["kind"]!.GetValue<string>(), letter["templateKey"]!.GetValue<string>(), letter["language"]!.GetValue<string>(), letter["mediaType"]!.GetValue<string>()));
        Assert.Equal(LetterTemplateVersion("certificate-of-aptitude", "es"), letter["templateVersion"]!.GetValue<string>());
        Assert.Equal(familyReference, letter["businessKey"]!.GetValue<string>());
        Assert.Equal(letter["id"]!.GetValue<string>(), instance["variables"]!["certificateDocumentId"]?.GetValue<string>());
        var pdf = await service.DocumentAsync(Roles.SocialWorker, letter["id"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), letter["contentHash"]!.GetValue<string>());
        var text = Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");
        Assert.Contains("Certificado de idoneidad", text, StringComparison.Ordinal);
        Assert.Contains($"con expediente {familyReference}", text, StringComparison.Ordinal);
        Assert.Contains($"Número de certificado: {expected}", text, StringComparison.Ordinal);
        Assert.Contains($"válido hasta el {SpanishDate(expiresAt)}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Méndez", text, StringComparison.Ordinal);

        // The family is told by email (reference and link only); the certificate itself stays behind the sign-in.
        var certificate = Assert.Single(await mailDev.WaitForAsync(familyEmail, 3), m => m.Subject!.StartsWith("Certificado de idoneidad emitido", StringComparison.Ordinal));
        Assert.Contains(familyReference, certificate.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Méndez", certificate.Text + certificate.Html, StringComparison.Ordinal);
        Assert.Equal(3, (await mailDev.ListToAsync(familyEmail)).Count);

        // The certified family waits for a child or, 60 days before the expiry, for the renewal decision.
        Assert.Equal("active", instance["status"]!.GetValue<string>());
        Assert.Equal(["Gateway_WaitPlacement"], await service.ActiveAsync(id));
        service.Clock.Set(expiresAt - TimeSpan.FromDays(60) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await service.FireDueTimersAsync());
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.FireDueTimersAsync());
        Assert.True((await service.InboxAsync(Roles.Coordinator, id)).ContainsKey("Task_RenewCertificate"), await service.JobsAsync(id));
        Assert.Equal(2, (await mailDev.WaitForAsync(coordinator, 2)).Count);
    }

    /// <summary>SHA-256 of the letter layout and the letter's source, as the service records a letter's template version.</summary>
    private static string LetterTemplateVersion(string key, string language)
    {
        string Source(string name) => File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "templates", "letters", name), Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Source($"_layout.{language}.scriban-html") + "\n" + Source($"{key}.{language}.scriban-html"))));
    }

    /// <summary>A day as a Spanish-speaking family in the organisation's zone reads it (<c>Organisation:TimeZone</c> default).</summary>
    private static string SpanishDate(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City"))
            .ToString("d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("es-MX"));

    private static async Task<JsonNode> FamilyAsync(JourneyServiceFactory service, string familyId) =>
        Assert.Single((await service.GetAsync(Roles.Coordinator, "/api/foster-families")).AsArray(), f => f!["id"]!.GetValue<string>() == familyId)!;
}
