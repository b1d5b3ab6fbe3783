using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Security;
using Orchestrator.Tests.Cases;

namespace Orchestrator.Tests.Journeys.EndToEnd;

/// <summary>The open door end to end: street outreach, pre-community stays, the admission, the residence, Luna.</summary>
public sealed partial class JourneyEndToEndTests
{
    [Fact]
    public async Task A_street_child_comes_and_goes_moves_into_the_residence_and_Lunas_findings_stay_with_Lunas_team()
    {
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        const string history = "SECRETO-EXPLOTACION-4d2c";
        const string plan = "SECRETO-PLAN-VIH-77e1";

        // Street outreach: a contact without a name, a pseudonymous record, a second contact linked after its suggestion.
        var first = await service.PostAsync(Roles.OutreachCounsellor, "/api/open-door/contacts", new JsonObject
        {
            ["team"] = "calle-centro", ["zone"] = "Centro", ["place"] = "Alameda", ["alias"] = "Chispa", ["approximateAge"] = 14, ["sex"] = "female",
            ["offered"] = new JsonArray("pre-community", "rights"),
        }, HttpStatusCode.Created);
        var record = await service.PostAsync(Roles.OutreachCounsellor, "/api/open-door/records", new JsonObject
        {
            ["alias"] = "Chispa", ["approximateAge"] = 14, ["sex"] = "female", ["zone"] = "Centro", ["contactId"] = first!["id"]!.GetValue<string>(),
        }, HttpStatusCode.Created);
        var recordId = record!["id"]!.GetValue<string>();
        var again = await service.PostAsync(Roles.OutreachCounsellor, "/api/open-door/contacts", new JsonObject
        {
            ["team"] = "calle-norte", ["zone"] = "Centro", ["alias"] = "chispa", ["approximateAge"] = 15, ["offered"] = new JsonArray("pre-community"),
        }, HttpStatusCode.Created);
        var suggestions = await service.GetAsync(Roles.OutreachCounsellor, $"/api/open-door/contacts/{again!["id"]}/suggestions");
        Assert.Equal(recordId, suggestions.AsArray()[0]!["recordId"]!.GetValue<string>());
        await service.PostAsync(Roles.OutreachCounsellor, $"/api/open-door/contacts/{again["id"]}/link", new JsonObject { ["recordId"] = recordId }, HttpStatusCode.OK);

        // Pre-community: she comes, leaves for the street, comes back; the journey waits instead of ending.
        var arrival = await service.PostAsync(Roles.OutreachCounsellor, $"/api/open-door/records/{recordId}/arrivals", new JsonObject(), HttpStatusCode.OK);
        var journey = arrival!["instanceId"]!.GetValue<string>();
        await service.SettleAsync();
        var welcome = new JsonObject { ["rulesExplained"] = true, ["activities"] = new JsonArray("meals", "workshops"), ["childOpinion"] = "Vengo a comer." };
        await service.CompleteAsync(Roles.Educator, journey, "Task_Welcome", welcome.DeepClone().AsObject());
        await service.PostAsync(Roles.Educator, $"/api/open-door/records/{recordId}/departures", new JsonObject(), HttpStatusCode.OK);
        await service.SettleAsync();
        Assert.Equal(["Gateway_AwaitReturn"], await service.ActiveAsync(journey));
        service.Clock.Advance(TimeSpan.FromDays(4));
        await service.PostAsync(Roles.OutreachCounsellor, $"/api/open-door/records/{recordId}/arrivals", new JsonObject(), HttpStatusCode.OK);
        await service.SettleAsync();
        await service.CompleteAsync(Roles.Educator, journey, "Task_Welcome", welcome.DeepClone().AsObject());
        await service.CompleteAsync(Roles.SocialWorker, journey, "Task_ReadinessReview", new JsonObject
        {
            ["readyForResidence"] = true, ["childWantsResidence"] = true, ["childOpinion"] = "Ahora sí me quiero quedar.",
        });
        await service.CompleteAsync(Roles.Coordinator, journey, "Task_Admission", new JsonObject
        {
            ["givenNames"] = "Xóchitl", ["familyNames"] = "Ramírez", ["birthDate"] = "2011-07-14", ["sex"] = "female", ["nationality"] = "México",
            ["languages"] = "es", ["legalRepresentative"] = "ppnna", ["childOpinion"] = "Quiero vivir en la casa.",
        });

        // The case file opened; the record shows two stays, and its link to the case only to the coordinator.
        var seen = await service.GetAsync(Roles.Coordinator, $"/api/open-door/records/{recordId}");
        Assert.Equal([1, 2], seen["episodes"]!.AsArray().Select(e => e!["number"]!.GetValue<int>()));
        Assert.Equal(2, seen["contacts"]!.AsArray().Count);
        var reference = seen["admittedCaseReference"]!.GetValue<string>();
        var caseId = seen["admittedCaseId"]!.GetValue<string>();
        foreach (var url in new[] { $"/api/open-door/records/{recordId}", $"/api/instances/{journey}", $"/api/instances/{journey}/history" })
        {
            using var worker = service.ClientAs(Roles.SocialWorker);
            var body = await (await worker.GetAsync(url)).Content.ReadAsStringAsync();
            SensitiveAnswers.AssertNothingSensitive($"GET {url} as social-worker", body, [reference, caseId, "Xóchitl"], ["admittedCaseId", "admittedCaseReference", "givenNames", "familyNames"]);
        }

        var file = await service.GetAsync(Roles.Coordinator, $"/api/cases/{reference}");
        Assert.Equal(("residential", "Xóchitl"), (file["phase"]!.GetValue<string>(), file["givenNames"]!.GetValue<string>()));

        // The residence runs under the case's reference: the life plan and its support plan in the team's inboxes.
        var residence = (await service.GetAsync(Roles.SocialWorker, "/api/tasks?candidateGroup=social-worker")).AsArray()
            .Single(t => t!["businessKey"]?.GetValue<string>() == reference && t["elementId"]!.GetValue<string>() == "Task_ResidentLifePlan")!["instanceId"]!.GetValue<string>();
        await service.CompleteAsync(Roles.SocialWorker, residence, "Task_ResidentLifePlan", new JsonObject
        {
            ["educationObjectives"] = "Secundaria.", ["independenceObjectives"] = "Ahorro.", ["personalGrowthObjectives"] = "Terapia.", ["childOpinion"] = "Quiero estudiar.",
        });
        await service.CompleteAsync(Roles.Educator, residence, "Task_SupportPlan", new JsonObject
        {
            ["medicalSupport"] = "Chequeo.", ["psychologicalSupport"] = "Sesiones.", ["academicSupport"] = "Escuela.", ["familySupport"] = "Abuela.", ["childOpinion"] = "Bien.",
        });
        service.Clock.Advance(TimeSpan.FromDays(14));
        Assert.True(await service.FireDueTimersAsync() > 0);
        await service.CompleteAsync(Roles.SocialWorker, residence, "Task_ResidentEvaluation", new JsonObject { ["progress"] = "Va a la escuela.", ["childOpinion"] = "Me gusta." });
        Assert.Single((await service.GetAsync(Roles.Coordinator, $"/api/cases/{caseId}"))["evaluations"]!.AsArray());

        // Luna: the enrolment waits for consent (the PPNNA represents her), then Luna's team records what it found.
        var enrolled = await service.PostAsync(Roles.Coordinator, $"/api/cases/{caseId}/programmes", new JsonObject { ["programme"] = "luna" }, HttpStatusCode.Created);
        var luna = enrolled!["instanceId"]!.GetValue<string>();
        await service.SettleAsync();
        Assert.Contains("Task_ConsentPending", (await service.InboxAsync(Roles.LunaTeam, luna)).Keys);
        foreach (var giver in new[] { "child", "ppnna" })
        {
            await service.PostAsync(Roles.LunaTeam, $"/api/cases/{caseId}/consents", new JsonObject
            {
                ["subject"] = "programme:luna", ["givenBy"] = giver, ["given"] = true, ["givenOn"] = service.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }, HttpStatusCode.Created);
        }

        await service.CompleteAsync(Roles.LunaTeam, luna, "Task_ConsentPending", new JsonObject { ["notes"] = "Asentimiento y consentimiento de la PPNNA." });
        await service.CompleteAsync(Roles.LunaTeam, luna, "Task_LunaAssessment", new JsonObject
        {
            ["hivStatus"] = "positive", ["sexualExploitationHistory"] = history, ["traffickingVictim"] = true, ["carePlan"] = plan, ["childOpinion"] = "Quiero cuidarme.",
        });
        var lunaFile = await service.GetAsync(Roles.LunaTeam, $"/api/cases/{caseId}");
        Assert.Equal(("positive", history), (lunaFile["hivStatus"]!.GetValue<string>(), lunaFile["sexualExploitationHistory"]!.GetValue<string>()));
        Assert.Equal("active", (await service.GetAsync(Roles.LunaTeam, $"/api/cases/{caseId}/programmes")).AsArray().Single()!["status"]!.GetValue<string>());

        // Nothing a coordinator, a data manager or an admin can reach shows what Luna's team recorded.
        string[] answers =
        [
            $"/api/cases/{caseId}", "/api/cases", $"/api/cases/{caseId}/programmes", $"/api/instances/{luna}", $"/api/instances/{luna}/history",
            $"/api/instances/{residence}", $"/api/instances/{residence}/history", $"/api/instances/{journey}", "/api/tasks", "/api/incidents",
            $"/api/open-door/records/{recordId}", "/api/outbox",
        ];
        var reached = 0;
        foreach (var role in new[] { Roles.Coordinator, Roles.DataManager, Roles.Admin })
        {
            using var client = service.ClientAs(role);
            foreach (var url in answers)
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                SensitiveAnswers.AssertNothingSensitive($"GET {url} as {role}", body, [history, plan, "\"positive\""]);
                reached += response.IsSuccessStatusCode ? 1 : 0;
            }
        }

        Assert.True(reached >= 25, $"only {reached} answers were reached");

        // The residence's review says she is ready: the coordinator sets the follow-up schedule, and reintegration (the
        // transition journey) starts with it.
        service.Clock.Advance(TimeSpan.FromDays(77));
        Assert.True(await service.FireDueTimersAsync() > 0);
        await service.CompleteAsync(Roles.SocialWorker, residence, "Task_ResidenceReview", new JsonObject
        {
            ["reviewOutcome"] = "ready-for-reintegration", ["childOpinion"] = "Quiero trabajar y estudiar.",
        });
        await service.CompleteAsync(Roles.Coordinator, residence, "Task_FollowUpSchedule", new JsonObject { ["followUpVisitIntervalDays"] = 45 });
        Assert.Equal(["Call_Reintegration"], await service.ActiveAsync(residence));
        var reintegration = (await service.GetAsync(Roles.SocialWorker, "/api/tasks?candidateGroup=social-worker")).AsArray()
            .Single(t => t!["businessKey"]?.GetValue<string>() == reference && t["elementId"]!.GetValue<string>() == "Task_IndependencePlan")!["instanceId"]!.GetValue<string>();
        var called = await service.InstanceAsync(reintegration);
        Assert.Equal((residence, 45), (called["parentId"]!.GetValue<string>(), called["variables"]!["followUpVisitIntervalDays"]!.GetValue<int>()));
        Assert.Equal("transition", (await service.GetAsync(Roles.Coordinator, $"/api/cases/{caseId}"))["phase"]!.GetValue<string>());
        foreach (var email in await mailDev.ListAsync())
        {
            Assert.DoesNotContain(history, email.Text + email.Html, StringComparison.Ordinal);
        }
    }
}
