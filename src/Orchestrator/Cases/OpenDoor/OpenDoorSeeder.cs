using Microsoft.EntityFrameworkCore;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// The open door's part of the Development seeding (<see cref="CaseSeeder"/>), so that a newcomer sees it at first start:
/// street outreach contacts of two teams in four zones over the last hours (some linked to pseudonymous records, some
/// not, for the suggestions), and a child in pre-community on a second stay after leaving once — an <c>open-door</c>
/// journey with two episodes, the welcome task of the second open. Runs when the journey is deployed and no outreach
/// contact or record exists yet. Prints aliases and references, never a name.
/// </summary>
public sealed class OpenDoorSeeder(OrchestratorDbContext db, OpenDoorService openDoor, WorkflowService workflows, TimeProvider time, StartupConsole console)
{
    /// <summary>Seeds when there is nothing of the open door yet.</summary>
    /// <param name="actor">Who the seeded rows are recorded as.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The reference of the record in pre-community, or <c>null</c> when nothing was seeded.</returns>
    public async Task<string?> SeedAsync(Actor actor, CancellationToken ct)
    {
        if (await db.Set<OutreachContact>().AnyAsync(ct).ConfigureAwait(false) || await db.Set<OpenDoorRecord>().AnyAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        if (!(await workflows.ListDefinitionsAsync(ct).ConfigureAwait(false)).Any(d => d.ProcessId == OpenDoorService.JourneyId))
        {
            console.WriteLine("Open door not seeded: the open-door workflow is not deployed.");
            return null;
        }

        var now = time.GetUtcNow();
        (string Team, string Zone, string Place, string? Alias, int? Age, string Sex, string[] Offered)[] met =
        [
            ("calle-centro", "Centro", "Plaza Garibaldi", "Chispa", 14, ChildSexes.Female, [OutreachOffers.PreCommunity, OutreachOffers.Rights]),
            ("calle-centro", "Centro", "Metro Pino Suárez", "Chispa", 15, ChildSexes.Female, [OutreachOffers.PreCommunity, OutreachOffers.HealthServices]),
            ("calle-centro", "Centro", "Alameda", "El Güero", 16, ChildSexes.Male, [OutreachOffers.PreCommunity]),
            ("calle-centro", "Tepito", "Calle Jesús Carranza", null, 13, ChildSexes.Male, [OutreachOffers.Rights]),
            ("calle-centro", "Tepito", "Calle Jesús Carranza", "Güero", 15, ChildSexes.Male, [OutreachOffers.PreCommunity, OutreachOffers.Education]),
            ("calle-norte", "Indios Verdes", "Paradero", "Flaca", 13, ChildSexes.Female, [OutreachOffers.PreCommunity, OutreachOffers.HealthServices]),
            ("calle-norte", "Indios Verdes", "Paradero", null, 17, ChildSexes.Other, [OutreachOffers.LegalHelp]),
            ("calle-norte", "La Villa", "Atrio", "Toño", 12, ChildSexes.Male, [OutreachOffers.PreCommunity, OutreachOffers.Rights]),
            ("calle-norte", "La Villa", "Calzada de Guadalupe", "Chispa", 14, ChildSexes.Female, [OutreachOffers.PreCommunity]),
            ("calle-norte", "Indios Verdes", "Paradero", "Flaca", 14, ChildSexes.Female, [OutreachOffers.Rights]),
        ];
        var contacts = new List<OutreachContact>();
        for (var i = 0; i < met.Length; i++)
        {
            var m = met[i];
            contacts.Add(await openDoor.RecordContactAsync(new NewContactRequest
            {
                ContactedAt = now.AddHours(-(met.Length - i)),
                Team = m.Team,
                Zone = m.Zone,
                Place = m.Place,
                Alias = m.Alias,
                ApproximateAge = m.Age,
                Sex = m.Sex,
                Offered = m.Offered,
            }, actor, ct).ConfigureAwait(false));
        }

        // Counsellors linked the first two meetings with "Chispa" to her record and the first with "El Güero" to his;
        // the others wait for a counsellor (their suggestions show the likely records).
        var chispa = await openDoor.CreateRecordAsync(new NewRecordRequest("Chispa", 14, ChildSexes.Female, "Centro", contacts[0].Id), actor, ct).ConfigureAwait(false);
        await openDoor.LinkContactAsync(contacts[1].Id, new LinkContactRequest(chispa.Id), actor, ct).ConfigureAwait(false);
        var guero = await openDoor.CreateRecordAsync(new NewRecordRequest("El Güero", 16, ChildSexes.Male, "Centro", contacts[2].Id), actor, ct).ConfigureAwait(false);

        // Chispa came to pre-community, left for the street after the welcome, and came back: her second stay is open.
        var journey = await openDoor.ArriveAsync(chispa.Id, null, actor, ct).ConfigureAwait(false);
        var welcome = (await workflows.ListTasksAsync(new TaskQuery(journey), actor, ct).ConfigureAwait(false)).Single(t => t.ElementId == "Task_Welcome");
        await workflows.CompleteAsync(welcome.Id, new System.Text.Json.Nodes.JsonObject
        {
            ["rulesExplained"] = true,
            ["activities"] = new System.Text.Json.Nodes.JsonArray("meals", "games"),
            ["childOpinion"] = "Vine a comer; no sé si me quedo.",
        }, actor, ct).ConfigureAwait(false);
        await openDoor.DepartAsync(chispa.Id, actor, ct).ConfigureAwait(false);
        await openDoor.ArriveAsync(chispa.Id, null, actor, ct).ConfigureAwait(false);

        console.WriteLine($"Open door: {contacts.Count} outreach contacts of teams calle-centro and calle-norte (GET /api/open-door/reports/contacts);");
        console.WriteLine($"  {chispa.Reference}  alias Chispa, in pre-community on her second stay: the welcome task is open  (record {chispa.Id}, instance {journey})");
        console.WriteLine($"  {guero.Reference}  alias El Güero, met on the street; unlinked contacts suggest records (GET /api/open-door/contacts/{{id}}/suggestions)");
        return chispa.Reference;
    }
}
