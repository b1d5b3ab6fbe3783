using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Security;

namespace Orchestrator.Tests.Journeys.EndToEnd;

/// <summary>transition-to-independence through the service: the two ways support ends (goals met, 21st birthday).</summary>
public sealed partial class JourneyEndToEndTests
{
    [Fact]
    public async Task An_adolescent_prepares_on_four_fronts_is_reviewed_moves_out_and_the_transition_closes_the_case_when_a_visit_finds_the_goals_met()
    {
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        var birthDate = Day(service.Clock.GetUtcNow().AddYears(-18).AddDays(-40));
        var (caseId, reference) = await OpenCaseAsync(service, birthDate);
        var id = await service.StartAsync("transition-to-independence", reference, new JsonObject
        {
            ["caseId"] = caseId, ["caseReference"] = reference, ["coordinatorEmail"] = Unique("coordinacion", "dif.example"), ["birthDate"] = birthDate,
        });
        Assert.Equal("transition", await PhaseAsync(service, caseId));

        // Nobody prepares anything before the plan is written with the adolescent.
        Assert.Empty(await service.InboxAsync(Roles.Educator, id));
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_IndependencePlan", new JsonObject
        {
            ["goals"] = "Trabajo estable, un cuarto propio, terminar la preparatoria.", ["childOpinion"] = "Quiere ser cocinera.",
        });
        var preparationStart = service.Clock.GetUtcNow();

        // The four fronts open at once, each in the inbox of who works on it (life skills: psychologists and educators).
        Assert.Equal(["Task_JobSearch", "Task_LifeSkills", "Task_Studies"], Sorted(await service.InboxAsync(Roles.Educator, id)));
        Assert.Equal(["Task_Housing"], Sorted(await service.InboxAsync(Roles.SocialWorker, id)));
        Assert.Equal(["Task_LifeSkills"], Sorted(await service.InboxAsync(Roles.Psychologist, id)));

        // The periodic review falls due 30 days into the preparation, not a minute before, and the preparation goes on.
        service.Clock.Set(preparationStart + TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await service.FireDueTimersAsync());
        Assert.DoesNotContain("Task_PlanReview", (await service.InboxAsync(Roles.SocialWorker, id)).Keys);
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.FireDueTimersAsync());
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_PlanReview", new JsonObject
        {
            ["progress"] = "Practica en una cocina tres tardes por semana.", ["childOpinion"] = "Le gusta la práctica; el cuarto le preocupa.",
        });
        var review = Assert.Single((await CaseFileAsync(service, caseId))["evaluations"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "independence-plan")!;
        Assert.Equal("Practica en una cocina tres tardes por semana.", review["progress"]!.GetValue<string>());
        Assert.Equal("Le gusta la práctica; el cuarto le preocupa.", review["childOpinion"]!.GetValue<string>());
        Assert.Equal(3, (await service.InboxAsync(Roles.Educator, id)).Count);

        service.Clock.Advance(TimeSpan.FromDays(5));
        await service.CompleteAsync(Roles.Educator, id, "Task_JobSearch", Note("Contrato de aprendiz en un restaurante."));
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_Housing", Note("Cuarto en renta cerca del trabajo."));
        await service.CompleteAsync(Roles.Educator, id, "Task_Studies", Note("Inscrita en la preparatoria abierta."));
        Assert.DoesNotContain("Task_MoveOut", (await service.InboxAsync(Roles.SocialWorker, id)).Keys); // the join waits for all four
        await service.CompleteAsync(Roles.Psychologist, id, "Task_LifeSkills", Note("Presupuesto, cocina, trámites."));

        await service.CompleteAsync(Roles.SocialWorker, id, "Task_MoveOut", new JsonObject
        {
            ["moveOutDate"] = Day(service.Clock.GetUtcNow().AddDays(3)), ["notes"] = "Cama, mesa y estufa donadas.",
        });
        var moveOut = service.Clock.GetUtcNow();
        Assert.Equal("after-care", await PhaseAsync(service, caseId));

        // The review cycle ended with the preparation: its next occurrence (day 60) passes before the first visit without firing.
        service.Clock.Set(moveOut + TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.True(service.Clock.GetUtcNow() > preparationStart + TimeSpan.FromDays(60));
        Assert.Equal(0, await service.FireDueTimersAsync());
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.FireDueTimersAsync());
        Assert.Contains("Task_FollowUpVisit", (await service.InboxAsync(Roles.PpnnaLiaison, id)).Keys);
        Assert.Contains("Task_FollowUpVisit", (await service.InboxAsync(Roles.SocialWorker, id)).Keys);

        // Goals not yet met: another visit a month later; the transition stays open.
        await service.CompleteAsync(Roles.PpnnaLiaison, id, "Task_FollowUpVisit", new JsonObject { ["goalsMet"] = false, ["notes"] = "Aún sin certificado de estudios." });
        Assert.Empty(await service.InboxAsync(Roles.SocialWorker, id));
        service.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await service.FireDueTimersAsync());
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_FollowUpVisit", new JsonObject { ["goalsMet"] = true, ["notes"] = "Trabaja, estudia y paga su renta." });

        Assert.Equal("goals-met", (await service.InstanceAsync(id))["variables"]!["transitionOutcome"]!.GetValue<string>());
        await service.CompleteAsync(Roles.Coordinator, id, "Task_TransitionClosure", new JsonObject { ["closingNotes"] = "Metas del plan cumplidas." });
        var instance = await service.InstanceAsync(id);
        Assert.True(instance["status"]!.GetValue<string>() == "completed", instance.ToJsonString());

        // Started on its own (no calling journey to close it), the transition closes the case with its outcome.
        var file = await CaseFileAsync(service, caseId);
        Assert.Equal("closed", file["phase"]!.GetValue<string>());
        Assert.Equal(["transition", "after-care", "closed"], PhaseChanges(file, id));
        Assert.Equal("transition-goals-met", ClosureReason(file, id));

        // Support ended with the goals: the 21st birthday, three years on, fires nothing.
        service.Clock.Set(AgeLimit(birthDate) + TimeSpan.FromDays(1));
        Assert.Equal(0, await service.FireDueTimersAsync());
    }

    [Fact]
    public async Task The_21st_birthday_ends_the_support_of_a_young_person_whose_goals_are_not_met_and_the_case_closes_after_the_closing_report()
    {
        using var service = await JourneyServiceFactory.CreateAsync(postgres, mailDev);
        var start = service.Clock.GetUtcNow();
        var birthDate = Day(start.AddDays(75).AddYears(-21));
        var ageLimit = AgeLimit(birthDate);
        var (caseId, reference) = await OpenCaseAsync(service, birthDate);
        var id = await service.StartAsync("transition-to-independence", reference, new JsonObject
        {
            ["caseId"] = caseId, ["caseReference"] = reference, ["coordinatorEmail"] = Unique("coordinacion", "dif.example"), ["birthDate"] = birthDate,
        });
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_IndependencePlan", new JsonObject { ["goals"] = "Trabajo y vivienda.", ["childOpinion"] = "Quiere vivir sola." });
        await service.CompleteAsync(Roles.Educator, id, "Task_JobSearch", Note("Busca trabajo."));
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_Housing", Note("Albergue temporal."));
        await service.CompleteAsync(Roles.Educator, id, "Task_Studies", Note("Curso de cocina."));
        await service.CompleteAsync(Roles.Educator, id, "Task_LifeSkills", Note("Presupuesto."));
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_MoveOut", new JsonObject { ["moveOutDate"] = Day(start), ["notes"] = "Se muda al albergue." });
        Assert.Equal("after-care", await PhaseAsync(service, caseId));

        service.Clock.Set(start + TimeSpan.FromDays(30));
        Assert.Equal(1, await service.FireDueTimersAsync());
        await service.CompleteAsync(Roles.SocialWorker, id, "Task_FollowUpVisit", new JsonObject { ["goalsMet"] = false, ["notes"] = "Sin trabajo estable." });
        service.Clock.Set(start + TimeSpan.FromDays(60));
        Assert.Equal(1, await service.FireDueTimersAsync());
        Assert.Contains("Task_FollowUpVisit", (await service.InboxAsync(Roles.SocialWorker, id)).Keys);

        service.Clock.Set(ageLimit - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await service.FireDueTimersAsync());
        Assert.Empty(await service.InboxAsync(Roles.Coordinator, id));

        // At 00:00 UTC of the 21st birthday support ends: the open visit is withdrawn and the closing report is asked for.
        service.Clock.Set(ageLimit);
        Assert.Equal(1, await service.FireDueTimersAsync());
        Assert.Empty(await service.InboxAsync(Roles.PpnnaLiaison, id));
        Assert.Equal(["Task_TransitionClosure"], Sorted(await service.InboxAsync(Roles.SocialWorker, id)));
        Assert.Equal(["Task_TransitionClosure"], Sorted(await service.InboxAsync(Roles.Coordinator, id)));
        Assert.Equal("age-limit", (await service.InstanceAsync(id))["variables"]!["transitionOutcome"]!.GetValue<string>());

        Assert.Equal("after-care", await PhaseAsync(service, caseId)); // closed only once the closing report is in
        await service.CompleteAsync(Roles.Coordinator, id, "Task_TransitionClosure", new JsonObject { ["closingNotes"] = "Cumplió 21 años; se deriva a programas para adultos." });
        var instance = await service.InstanceAsync(id);
        Assert.True(instance["status"]!.GetValue<string>() == "completed", instance.ToJsonString());
        var file = await CaseFileAsync(service, caseId);
        Assert.Equal("closed", file["phase"]!.GetValue<string>());
        Assert.Equal(["transition", "after-care", "closed"], PhaseChanges(file, id));
        Assert.Equal("transition-age-limit", ClosureReason(file, id));

        // The visit cycle ended with the support: the next visit's time passes without a timer.
        service.Clock.Set(start + TimeSpan.FromDays(91));
        Assert.Equal(0, await service.FireDueTimersAsync());
    }

    private static async Task<JsonObject> CaseFileAsync(JourneyServiceFactory service, string caseId) =>
        (await service.GetAsync(Roles.SocialWorker, $"/api/cases/{caseId}")).AsObject();

    private static async Task<string> PhaseAsync(JourneyServiceFactory service, string caseId) =>
        (await CaseFileAsync(service, caseId))["phase"]!.GetValue<string>();

    /// <summary>The phases <paramref name="instanceId"/>'s steps moved the case to, in order.</summary>
    private static string[] PhaseChanges(JsonObject file, string instanceId) =>
        [.. file["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "phase-changed" && e["instanceId"]?.GetValue<string>() == instanceId)
            .OrderBy(e => e!["at"]!.GetValue<DateTimeOffset>())
            .Select(e => e!["to"]!.GetValue<string>())];

    /// <summary>Why <paramref name="instanceId"/>'s steps closed the case (the detail of its change to <c>closed</c>).</summary>
    private static string? ClosureReason(JsonObject file, string instanceId) =>
        Assert.Single(file["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "phase-changed" && e["to"]?.GetValue<string>() == "closed"
            && e["instanceId"]?.GetValue<string>() == instanceId)!["detail"]?.GetValue<string>();

    /// <summary>When the journey's <c>Timer_AgeLimit</c> falls due: 00:00 UTC of the 21st birthday.</summary>
    private static DateTimeOffset AgeLimit(string birthDate) =>
        new(DateOnly.ParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddYears(21).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Note(string notes) => new() { ["notes"] = notes };

    private static string[] Sorted(Dictionary<string, string> inbox) => [.. inbox.Keys.Order(StringComparer.Ordinal)];
}
