using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>
/// Development start-up seeding, so that a newcomer meets a living system: three facilities, three consulates, and three
/// children at different points of their journeys, each a case file with a running <c>child-journey</c> whose first
/// tasks were completed through <see cref="WorkflowService"/> (so their service tasks ran the real case handlers); and
/// the open door's outreach contacts and a child in pre-community on her second stay (<see cref="OpenDoorSeeder"/>).
/// Runs only when enabled (<c>Cases:SeedDemoCases</c>, default: as <c>Security:SeedDemoAccounts</c>, default
/// Development), when the journeys are deployed, and when no case and no facility exists yet.
/// </summary>
public sealed class CaseSeeder(
    OrchestratorDbContext db,
    CaseService cases,
    FacilityService facilities,
    OpenDoorSeeder openDoor,
    WorkflowService workflows,
    IOptions<CasesOptions> options,
    IOptions<SecurityOptions> security,
    IHostEnvironment environment,
    StartupConsole console)
{
    /// <summary>Who the seeded steps are recorded as.</summary>
    public static Actor SeedActor { get; } = new("dev-seed", "Development seeding", new HashSet<string>(StringComparer.Ordinal) { Roles.Coordinator });

    /// <summary>Seeds when enabled and the database holds no case data; returns the seeded case references.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken ct)
    {
        if (!(options.Value.SeedDemoCases ?? security.Value.SeedDemoAccounts ?? environment.IsDevelopment()))
        {
            return [];
        }

        // The open door has its own check (no outreach contact or record yet), so it is seeded into older databases too.
        await openDoor.SeedAsync(SeedActor, ct).ConfigureAwait(false);
        if (await db.ChildCases().AnyAsync(ct).ConfigureAwait(false) || await db.Facilities().AnyAsync(ct).ConfigureAwait(false))
        {
            return [];
        }

        var deployed = (await workflows.ListDefinitionsAsync(ct).ConfigureAwait(false)).Select(d => d.ProcessId).ToHashSet(StringComparer.Ordinal);
        if (!deployed.Contains("child-journey") || !deployed.Contains("assisted-voluntary-return"))
        {
            console.WriteLine("Demo cases not seeded: the child-journey and assisted-voluntary-return workflows are not deployed.");
            return [];
        }

        var o = options.Value;
        var reception = await facilities.CreateFacilityAsync(new NewFacilityRequest("cas-recepcion-cdmx", "CAS de primera acogida Ciudad de México", FacilityKinds.FirstReception, o.FirstReception.Capacity, null, null, FacilitySexes.Any, "Ciudad de México"), ct).ConfigureAwait(false);
        await facilities.CreateFacilityAsync(new NewFacilityRequest("cas-largo-plazo-cdmx", "CAS de largo plazo Ciudad de México", FacilityKinds.LongTerm, o.LongTerm.Capacity, null, null, FacilitySexes.Any, "Ciudad de México"), ct).ConfigureAwait(false);
        await facilities.CreateFacilityAsync(new NewFacilityRequest("casa-hogar-tlalpan", "Casa hogar Tlalpan", FacilityKinds.GroupHome, o.GroupHome.Capacity, null, null, FacilitySexes.Any, "Ciudad de México"), ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        db.AddRange(
            new Consulate { Id = "gt-cdmx", Country = "Guatemala", City = "Ciudad de México", Email = $"consulado-guatemala@{IdentitySeeder.DemoDomain}", Phone = "+52 55 0000 0001" },
            new Consulate { Id = "hn-cdmx", Country = "Honduras", City = "Ciudad de México", Email = $"consulado-honduras@{IdentitySeeder.DemoDomain}", Phone = "+52 55 0000 0002" },
            new Consulate { Id = "sv-cdmx", Country = "El Salvador", City = "Ciudad de México", Email = $"consulado-elsalvador@{IdentitySeeder.DemoDomain}", Phone = "+52 55 0000 0003" });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();

        var seeded = new List<string>();

        // 1. Just detected: the referral to a first reception CAS is open (24 h).
        var detected = await OpenAsync("Marta", "López Ajú", new DateOnly(2011, 3, 14), ChildSexes.Female, "Guatemala", "es, k'iche'", "K'iche'", new ProfileFlags { Indigenous = true }, AsylumStatuses.None, ct).ConfigureAwait(false);
        var detectedJourney = await StartJourneyAsync(detected, "gt-cdmx", ct).ConfigureAwait(false);
        seeded.Add(Line(detected, detectedJourney, "just detected: referral to a first reception CAS open (24 h)"));

        // 2. In first reception: restitution plan, life plan and family tracing open.
        var reception2 = await OpenAsync("José", "Martínez Cruz", new DateOnly(2010, 8, 2), ChildSexes.Male, "Honduras", "es", null, new ProfileFlags { VictimOfCrime = true }, AsylumStatuses.None, ct).ConfigureAwait(false);
        var receptionJourney = await StartJourneyAsync(reception2, "hn-cdmx", ct).ConfigureAwait(false);
        await CompleteAsync(receptionJourney, "Task_Referral", new JsonObject { ["facilityId"] = reception.Id, ["victimOfCrime"] = true, ["childOpinion"] = "Quiero estar en un lugar seguro." }, ct).ConfigureAwait(false);
        seeded.Add(Line(reception2, receptionJourney, "in first reception: the PPNNA's restitution plan task is open"));

        // 3. Decided to return: the assisted voluntary return waits for the consulate's approval.
        var returning = await OpenAsync("Ana", "Ramírez Flores", new DateOnly(2009, 11, 20), ChildSexes.Female, "El Salvador", "es", null, new ProfileFlags(), AsylumStatuses.None, ct).ConfigureAwait(false);
        var returnJourney = await StartJourneyAsync(returning, "sv-cdmx", ct).ConfigureAwait(false);
        await CompleteAsync(returnJourney, "Task_Referral", new JsonObject { ["facilityId"] = reception.Id, ["childOpinion"] = "Extraño a mi abuela." }, ct).ConfigureAwait(false);
        await CompleteAsync(returnJourney, "Task_RestitutionPlan", new JsonObject { ["planReference"] = "PPNNA-2026-031", ["protectionMeasures"] = "Identidad, salud, reunificación familiar." }, ct).ConfigureAwait(false);
        await CompleteAsync(returnJourney, "Task_LifePlanDraft", new JsonObject
        {
            ["educationObjectives"] = "Terminar la secundaria.",
            ["independenceObjectives"] = "Aprender a administrar dinero.",
            ["personalGrowthObjectives"] = "Acompañamiento psicológico.",
            ["childOpinion"] = "Quiero volver con mi abuela.",
        }, ct).ConfigureAwait(false);
        await CompleteAsync(returnJourney, "Task_FamilyTracing", new JsonObject { ["familyFound"] = true, ["familyLocation"] = "country-of-origin", ["notes"] = "Abuela localizada." }, ct).ConfigureAwait(false);
        await CompleteAsync(returnJourney, "Task_CareDecision", new JsonObject { ["decision"] = "voluntary-return", ["childOpinion"] = "Quiero regresar a El Salvador." }, ct).ConfigureAwait(false);
        var avr = await db.Instances.AsNoTracking().Where(i => i.ParentId == returnJourney && i.ProcessId == "assisted-voluntary-return").Select(i => i.Id).SingleAsync(ct).ConfigureAwait(false);
        await CompleteAsync(avr, "Task_RecordWish", new JsonObject { ["wantsToReturn"] = true, ["childOpinion"] = "Sí, quiero regresar." }, ct).ConfigureAwait(false);
        await CompleteAsync(avr, "Task_BestInterest", new JsonObject { ["suitable"] = true, ["notes"] = "El regreso atiende a su interés superior." }, ct).ConfigureAwait(false);
        await CompleteAsync(avr, "Task_FamilyAssessmentOrigin", new JsonObject { ["suitable"] = true, ["notes"] = "La abuela puede cuidarla." }, ct).ConfigureAwait(false);
        await cases.AddTracingAsync(returning.Id, new NewTracingRequest(true, "country-of-origin", "Abuela localizada."), SeedActor, ct).ConfigureAwait(false);
        foreach (var (decision, opinion) in new[] { ("care-decision", "Quiero regresar a El Salvador."), ("return", "Sí, quiero regresar.") })
        {
            await cases.RecordOpinionAsync(returning.Id, new NewOpinionRequest(decision, opinion), SeedActor, ct).ConfigureAwait(false);
        }

        seeded.Add(Line(returning, returnJourney, "assisted voluntary return: waiting for the consulate's approval"));

        console.WriteLine("Demo cases (facilities cas-recepcion-cdmx, cas-largo-plazo-cdmx, casa-hogar-tlalpan; consulates of Guatemala, Honduras, El Salvador):");
        foreach (var line in seeded)
        {
            console.WriteLine("  " + line);
        }

        return [detected.Reference, reception2.Reference, returning.Reference];
    }

    private Task<ChildCase> OpenAsync(string given, string family, DateOnly birth, string sex, string nationality, string languages, string? culture, ProfileFlags flags, string asylum, CancellationToken ct) =>
        cases.CreateCaseAsync(new NewCaseRequest
        {
            GivenNames = given,
            FamilyNames = family,
            BirthDate = birth,
            Sex = sex,
            Nationality = nationality,
            Languages = languages,
            Culture = culture,
            Flags = flags,
            AsylumStatus = asylum,
            ReferenceEducator = Roles.Educator,
        }, SeedActor, ct);

    private async Task<string> StartJourneyAsync(ChildCase child, string consulateId, CancellationToken ct)
    {
        var consulate = await db.Consulates().AsNoTracking().SingleAsync(c => c.Id == consulateId, ct).ConfigureAwait(false);
        var variables = new JsonObject
        {
            ["caseId"] = child.Id,
            ["caseReference"] = child.Reference,
            ["coordinatorEmail"] = $"{Roles.Coordinator}@{IdentitySeeder.DemoDomain}",
            ["socialWorkerEmail"] = $"{Roles.SocialWorker}@{IdentitySeeder.DemoDomain}",
            ["consulateEmail"] = consulate.Email,
            ["asylumClaimPending"] = child.AsylumStatus == AsylumStatuses.Pending,
            ["birthDate"] = child.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        return await workflows.StartAsync("child-journey", variables, child.Reference, SeedActor, ct).ConfigureAwait(false);
    }

    private async Task CompleteAsync(string instanceId, string elementId, JsonObject data, CancellationToken ct)
    {
        var tasks = await workflows.ListTasksAsync(new TaskQuery(instanceId), SeedActor, ct).ConfigureAwait(false);
        var task = tasks.FirstOrDefault(t => t.ElementId == elementId)
            ?? throw new InvalidOperationException($"Development seeding: instance {instanceId} has no open task {elementId} (open: {string.Join(", ", tasks.Select(t => t.ElementId))}).");
        await workflows.CompleteAsync(task.Id, data, SeedActor, ct).ConfigureAwait(false);
    }

    private static string Line(ChildCase child, string instanceId, string where) => $"{child.Reference}  {where}  (case {child.Id}, instance {instanceId})";
}
