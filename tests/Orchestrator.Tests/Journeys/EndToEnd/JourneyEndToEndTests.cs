using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Tests.Notifications;
using Orchestrator.Tests.Notifications.EmailActions;

namespace Orchestrator.Tests.Journeys.EndToEnd;

/// <summary>
/// The journeys' end-to-end proof: the journeys of <c>workflows/</c> driven through the service's HTTP API as programs and
/// staff would (an API key per role), on PostgreSQL, with the emails received over SMTP by MailDev and the outside
/// answers given through the links in those emails; the letters printed by Chromium. Timers fire when the virtual
/// clock passes their due time, as the scheduler fires them.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed partial class JourneyEndToEndTests(PostgresServer postgres, MailDevServer mailDev) : IClassFixture<MailDevServer>
{
    [Fact]
    public async Task Assisted_return_waits_for_the_asylum_claim_then_the_consulate_approves_through_its_email_link()
    {
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        var consul = Unique("consul", "consulado.example");
        var coordinator = Unique("coordinacion", "dif.example");
        var (caseId, reference) = await OpenCaseAsync(service, "2010-04-12");

        var id = await service.StartAsync("assisted-voluntary-return", reference, new JsonObject
        {
            ["caseId"] = caseId, ["caseReference"] = reference, ["consulateEmail"] = consul, ["coordinatorEmail"] = coordinator, ["asylumClaimPending"] = true,
        });
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_RecordWish", new JsonObject { ["wantsToReturn"] = true, ["childOpinion"] = "Quiere volver con su abuela." });

        // A pending claim: nothing may reach the consulate, and nobody is asked to approve anything yet.
        Assert.Contains("Gateway_WaitAsylum", await service.ActiveAsync(id));
        Assert.Empty(await service.InboxAsync(Roles.PpnnaLiaison, id));
        Assert.DoesNotContain("Task_ConsulateApproval", await service.ActiveAsync(id));
        Assert.Empty(await service.StagedForAsync(consul));
        Assert.Empty(await mailDev.ListToAsync(consul));

        var correlated = await service.PostAsync(Roles.Lawyer, "/api/messages", new JsonObject
        {
            ["name"] = "asylumClaimResolved", ["correlationKey"] = caseId, ["variables"] = new JsonObject { ["asylumOutcome"] = "withdrawn" },
        }, HttpStatusCode.OK);
        Assert.Contains(id, correlated!["correlated"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Empty(await service.StagedForAsync(consul)); // the PPNNA assesses first
        await service.CompleteAsync(Roles.PpnnaLiaison, id, "Task_BestInterest", new JsonObject { ["suitable"] = true, ["notes"] = "En su interés superior." });
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_FamilyAssessmentOrigin", new JsonObject { ["suitable"] = true, ["notes"] = "La abuela puede cuidarle." });

        // The request (send task) and the personal link (the outside approval task) arrive over SMTP.
        var received = await mailDev.WaitForAsync(consul, 2);
        Assert.All(received, m => Assert.Contains(reference, m.Subject, StringComparison.Ordinal));
        Assert.All(received, m => Assert.DoesNotContain("Ximena", m.Text + m.Html, StringComparison.Ordinal));
        Assert.All(received, m => Assert.DoesNotContain("/cases/", m.Text + m.Html, StringComparison.Ordinal)); // outside the organisation: only the action link
        var link = EmailActionFactory.LinkIn(Assert.Single(received, m => ActLink().IsMatch(m.Text ?? "")).Text!);

        using var browser = service.Browser();
        var before = await service.SnapshotAsync(id);
        var (opened, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, opened);
        Assert.Equal(before, await service.SnapshotAsync(id)); // mail scanners open links: a GET changes nothing
        Assert.Contains("Task_ConsulateApproval", await service.ActiveAsync(id));

        var answer = new JsonObject { ["approved"] = true, ["consulateReference"] = "GT-2026-117" };
        var (posted, confirmation) = await ActPage.PostAsync(browser, link, page, ("data", answer.ToJsonString()));
        Assert.True(posted == HttpStatusCode.OK, $"{(int)posted}: {confirmation}");
        Assert.DoesNotContain("Task_ConsulateApproval", await service.ActiveAsync(id));
        Assert.True((await service.InstanceAsync(id))["variables"]!["consulateApproved"]!.GetValue<bool>()); // the task's output mapping

        Assert.DoesNotContain("Task_ReturnLogistics", (await service.InboxAsync(Roles.Coordinator, id)).Keys);
        await service.CompleteAsync(Roles.PpnnaLiaison, id, "Task_PpnnaApproval", new JsonObject { ["approved"] = true, ["reasons"] = "Retorno en su interés superior." });
        Assert.Contains("Task_ReturnLogistics", (await service.InboxAsync(Roles.Coordinator, id)).Keys);

        var file = await service.GetAsync(Roles.Coordinator, $"/api/cases/{caseId}");
        Assert.Equal(reference, file["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_family_confirms_the_session_through_its_link_then_drops_out_and_gets_the_letter_as_a_case_document()
    {
        await PdfTools.EnsureAsync();
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        var familyEmail = Unique("familia", "correo.example");
        var familyId = "fam-" + Guid.NewGuid().ToString("N")[..10];
        var familyReference = "FF-E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await service.PostAsync(Roles.Coordinator, "/api/foster-families", new JsonObject
        {
            ["id"] = familyId, ["reference"] = familyReference, ["name"] = "Familia Orozco Paredes", ["languages"] = "es", ["capacity"] = 2, ["email"] = familyEmail,
        }, HttpStatusCode.Created);

        var id = await service.StartAsync("foster-family-certification", familyReference, new JsonObject
        {
            ["familyId"] = familyId, ["familyReference"] = familyReference, ["familyEmail"] = familyEmail, ["familyLanguage"] = "es",
            ["coordinatorEmail"] = Unique("coordinacion", "dif.example"),
        });
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_RecordApplication", new JsonObject
        {
            ["householdNotes"] = "Pareja con un adolescente.", ["capacity"] = 2, ["languages"] = "es",
        });

        var received = await mailDev.WaitForAsync(familyEmail, 2);
        Assert.All(received, m => Assert.Contains(familyReference, m.Subject, StringComparison.Ordinal));
        var link = EmailActionFactory.LinkIn(Assert.Single(received, m => ActLink().IsMatch(m.Text ?? "")).Text!);
        using var browser = service.Browser();
        var before = await service.SnapshotAsync(id);
        var (opened, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, opened);
        Assert.Equal(before, await service.SnapshotAsync(id));
        var (posted, confirmation) = await ActPage.PostAsync(browser, link, page, ("data", new JsonObject { ["attending"] = true }.ToJsonString()));
        Assert.True(posted == HttpStatusCode.OK, $"{(int)posted}: {confirmation}");
        Assert.True((await service.InstanceAsync(id))["variables"]!["attending"]!.GetValue<bool>());

        // After the session the family decides not to go on: the drop-out letter is printed and kept with the case.
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_RecordSession", new JsonObject { ["attended"] = true, ["wantsToContinue"] = false });
        var instance = await service.InstanceAsync(id);
        Assert.True(instance["status"]!.GetValue<string>() == "completed", instance.ToJsonString());

        var documents = (await service.GetAsync(Roles.SocialWorker, $"/api/instances/{id}/documents")).AsArray();
        var letter = Assert.Single(documents)!;
        Assert.Equal("family-dropped-out", letter["templateKey"]!.GetValue<string>());
        Assert.Equal("es", letter["language"]!.GetValue<string>());
        var text = await PdfTools.TextAsync(await service.DocumentAsync(Roles.SocialWorker, letter["id"]!.GetValue<string>()));
        Assert.Contains(familyReference, text, StringComparison.Ordinal);
        Assert.Contains("Baja en el proceso de acogimiento familiar", text, StringComparison.Ordinal);

        // The family gets its letter's email (the reference, and the letter attached) besides the invitation and the link email.
        var dropOut = Assert.Single(await mailDev.WaitForAsync(familyEmail, 3), m => m.Subject!.StartsWith("Baja registrada", StringComparison.Ordinal));
        Assert.Contains(familyReference, dropOut.Subject, StringComparison.Ordinal);
        Assert.Equal("application/pdf", Assert.Single(dropOut.Attachments ?? []).ContentType); // the letter itself, attached

        var families = (await service.GetAsync(Roles.Coordinator, "/api/foster-families")).AsArray();
        var family = Assert.Single(families, f => f!["id"]!.GetValue<string>() == familyId)!;
        Assert.Equal("dropped-out", family["closureReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_detected_child_is_referred_to_first_reception_and_the_coordinator_is_told_on_day_45_not_before()
    {
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        var coordinator = Unique("coordinacion", "dif.example");
        var socialWorker = Unique("trabajo.social", "dif.example");
        var facilityId = "cas-" + Guid.NewGuid().ToString("N")[..10];
        await service.PostAsync(Roles.Coordinator, "/api/facilities", new JsonObject
        {
            ["id"] = facilityId, ["name"] = "CAS de primera acogida Tapachula", ["kind"] = "first-reception", ["city"] = "Tapachula",
        }, HttpStatusCode.Created);
        var (caseId, reference) = await OpenCaseAsync(service, "2012-09-30");

        var id = await service.StartAsync("child-journey", reference, new JsonObject
        {
            ["caseId"] = caseId, ["caseReference"] = reference, ["coordinatorEmail"] = coordinator, ["socialWorkerEmail"] = socialWorker,
            ["consulateEmail"] = Unique("consul", "consulado.example"), ["asylumClaimPending"] = false, ["birthDate"] = "2012-09-30",
        });
        Assert.Equal("detection", (await service.GetAsync(Roles.SocialWorker, $"/api/cases/{caseId}"))["phase"]!.GetValue<string>());

        service.Clock.Advance(TimeSpan.FromHours(3));
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_Referral", new JsonObject
        {
            ["facilityId"] = facilityId, ["childOpinion"] = "Quiere estar a salvo e ir a la escuela.", ["victimOfCrime"] = true,
        });
        var receptionStart = service.Clock.GetUtcNow();

        var file = await service.GetAsync(Roles.SocialWorker, $"/api/cases/{caseId}");
        Assert.Equal("first-reception", file["phase"]!.GetValue<string>());
        Assert.Equal(facilityId, file["placementId"]!.GetValue<string>());
        Assert.True(file["flags"]!["victimOfCrime"]!.GetValue<bool>());
        Assert.Contains("Task_RestitutionPlan", (await service.InboxAsync(Roles.PpnnaLiaison, id)).Keys);
        Assert.Equal(["Task_FamilyTracing", "Task_LifePlanDraft"], (await service.InboxAsync(Roles.SocialWorker, id)).Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Task_LifePlanDraft", (await service.InboxAsync(Roles.Psychologist, id)).Keys);

        // A minute before day 45: the day-30 and day-40 reminders went to the team, nothing to the coordinator.
        service.Clock.Set(receptionStart + TimeSpan.FromDays(45) - TimeSpan.FromMinutes(1));
        Assert.True(await service.FireDueTimersAsync() > 0);
        Assert.Equal(2, (await mailDev.WaitForAsync(socialWorker, 2)).Count);
        Assert.Empty(await service.StagedForAsync(coordinator));
        Assert.DoesNotContain("Task_ReceptionOverdue", (await service.InboxAsync(Roles.Coordinator, id)).Keys);

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await service.FireDueTimersAsync() > 0);
        var escalation = Assert.Single(await mailDev.WaitForAsync(coordinator, 1));
        Assert.Contains(reference, escalation.Subject, StringComparison.Ordinal);
        Assert.Contains("Task_ReceptionOverdue", (await service.InboxAsync(Roles.Coordinator, id)).Keys);
        Assert.Equal("first-reception", (await service.GetAsync(Roles.Coordinator, $"/api/cases/{caseId}"))["phase"]!.GetValue<string>());
    }

    private static async Task<(string Id, string Reference)> OpenCaseAsync(JourneyServiceFactory service, string birthDate)
    {
        var created = await service.PostAsync(Roles.Coordinator, "/api/cases", new JsonObject
        {
            ["givenNames"] = "Ximena", ["familyNames"] = "Tzul", ["birthDate"] = birthDate, ["sex"] = "female", ["nationality"] = "Guatemala", ["languages"] = "es",
        }, HttpStatusCode.Created);
        return (created!["id"]!.GetValue<string>(), created["reference"]!.GetValue<string>());
    }

    /// <summary>A recipient of this test only (the MailDev server is shared by the class).</summary>
    private static string Unique(string local, string domain) => $"{local}-{Guid.NewGuid():N}@{domain}";

    [GeneratedRegex(@"/act/[A-Za-z0-9_\-]+")]
    private static partial Regex ActLink();
}
