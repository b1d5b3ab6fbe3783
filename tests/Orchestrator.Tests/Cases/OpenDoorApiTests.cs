using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// Street outreach and pseudonymous records in the real host: contacts without a name and offering information only,
/// suggestions a counsellor decides on (never a merge), the monthly report per team and zone, the link to a case file
/// for coordinators only, consent recorded with its date and who recorded it.
/// </summary>
public sealed class OpenDoorApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> ContactAsync(HttpClient client, string json) =>
        (await (await client.PostAsync("/api/open-door/contacts", Json(json))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Fact]
    public async Task A_contact_is_recorded_without_a_name_and_offers_information_only()
    {
        using var counsellor = factory.ClientAs(Roles.OutreachCounsellor);
        var refused = await (await counsellor.PostAsync("/api/open-door/contacts", Json("""{"team":"calle-centro","zone":"Centro","offered":["pre-community","food"]}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("offered", refused.Detail(), StringComparison.Ordinal);
        Assert.Contains("'food' is not information", refused.Detail(), StringComparison.Ordinal);
        Assert.Contains("team", (await (await counsellor.PostAsync("/api/open-door/contacts", Json("""{"zone":"Centro","offered":["rights"]}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Contains("approximateAge", (await (await counsellor.PostAsync("/api/open-door/contacts", Json("""{"team":"t","zone":"z","approximateAge":-1,"offered":["rights"]}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);

        var contact = await (await counsellor.PostAsync("/api/open-door/contacts", Json("""{"team":"calle-centro","zone":"Centro","place":"Alameda","approximateAge":14,"offered":["rights","pre-community"]}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal("pre-community,rights", contact.GetProperty("offered").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("alias").ValueKind);

        using var designer = factory.ClientAs(Roles.Designer);
        await (await designer.PostAsync("/api/open-door/contacts", Json("""{"team":"t","zone":"z","offered":["rights"]}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var lawyer = factory.ClientAs(Roles.Lawyer);
        await (await lawyer.PostAsync("/api/open-door/contacts", Json("""{"team":"t","zone":"z","offered":["rights"]}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_repeated_contact_suggests_records_by_alias_zone_and_age_and_only_a_counsellor_links_it()
    {
        using var counsellor = factory.ClientAs(Roles.OutreachCounsellor);
        var zone = "Zona-" + Guid.NewGuid().ToString("N")[..6];
        var record = await (await counsellor.PostAsync("/api/open-door/records", Json($$"""{"alias":"Chispa","approximateAge":14,"sex":"female","zone":"{{zone}}"}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        var recordId = record.GetProperty("id").GetString()!;
        Assert.Matches("^OD-[0-9]{4}-[0-9]{4}$", record.GetProperty("reference").GetString());

        var byAlias = await ContactAsync(counsellor, """{"team":"calle-norte","zone":"Otra","alias":"chíspa","offered":["rights"]}""");
        var byZoneAndAge = await ContactAsync(counsellor, $$"""{"team":"calle-centro","zone":"{{zone}}","approximateAge":15,"offered":["rights"]}""");
        var unlike = await ContactAsync(counsellor, $$"""{"team":"calle-centro","zone":"{{zone}}","approximateAge":9,"alias":"Pepe","offered":["rights"]}""");

        var suggested = await (await counsellor.GetAsync($"/api/open-door/contacts/{byAlias}/suggestions")).AssertJsonAsync(HttpStatusCode.OK);
        var s = Assert.Single(suggested.EnumerateArray(), x => x.GetProperty("recordId").GetString() == recordId);
        Assert.Equal(["alias"], s.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        s = Assert.Single((await (await counsellor.GetAsync($"/api/open-door/contacts/{byZoneAndAge}/suggestions")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray(), x => x.GetProperty("recordId").GetString() == recordId);
        Assert.Equal(["zone", "age"], s.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain((await (await counsellor.GetAsync($"/api/open-door/contacts/{unlike}/suggestions")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray(),
            x => x.GetProperty("recordId").GetString() == recordId);

        // Suggesting linked nothing: the record has no contact until a counsellor links one.
        var read = await (await counsellor.GetAsync($"/api/open-door/records/{recordId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Empty(read.GetProperty("contacts").EnumerateArray());
        var linked = await (await counsellor.PostAsync($"/api/open-door/contacts/{byAlias}/link", Json($$"""{"recordId":"{{record.GetProperty("reference").GetString()}}"}"""))).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(recordId, linked.GetProperty("recordId").GetString());
        read = await (await counsellor.GetAsync($"/api/open-door/records/{recordId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Single(read.GetProperty("contacts").EnumerateArray());

        var other = (await (await counsellor.PostAsync("/api/open-door/records", Json($$"""{"alias":"Otro","zone":"{{zone}}"}"""))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await counsellor.PostAsync($"/api/open-door/contacts/{byAlias}/link", Json($$"""{"recordId":"{{other}}"}"""))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await counsellor.PostAsync("/api/open-door/records", Json("""{"zone":"Centro"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_monthly_report_counts_contacts_per_team_and_zone()
    {
        using var counsellor = factory.ClientAs(Roles.OutreachCounsellor);
        var tag = Guid.NewGuid().ToString("N")[..6];
        (string Team, string Zone, string At)[] contacts =
        [
            ($"a-{tag}", "Centro", "2025-10-01T08:00:00Z"), ($"a-{tag}", "Centro", "2025-10-15T20:00:00Z"), ($"a-{tag}", "Tepito", "2025-10-31T20:00:00Z"),
            ($"b-{tag}", "Centro", "2025-10-20T12:00:00Z"),
            ($"a-{tag}", "Centro", "2025-11-01T07:00:00Z"), // 1 November 01:00 in Mexico City: November
            ($"a-{tag}", "Centro", "2025-10-01T05:00:00Z"), // 30 September 23:00 in Mexico City: September
        ];
        foreach (var (team, zone, at) in contacts)
        {
            await ContactAsync(counsellor, $$"""{"team":"{{team}}","zone":"{{zone}}","contactedAt":"{{at}}","offered":["pre-community"]}""");
        }

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var report = await (await coordinator.GetAsync("/api/open-door/reports/contacts?month=2025-10")).AssertJsonAsync(HttpStatusCode.OK);
        var rows = report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("team").GetString()!.EndsWith(tag, StringComparison.Ordinal))
            .Select(r => (r.GetProperty("team").GetString(), r.GetProperty("zone").GetString(), r.GetProperty("contacts").GetInt32())).ToList();
        Assert.Equal([($"a-{tag}", "Centro", 2), ($"a-{tag}", "Tepito", 1), ($"b-{tag}", "Centro", 1)], rows);
        Assert.Equal("2025-10", report.GetProperty("month").GetString());
        await (await coordinator.GetAsync("/api/open-door/reports/contacts?month=October")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_coordinators_see_the_link_from_a_record_to_the_case_opened_at_admission()
    {
        using var counsellor = factory.ClientAs(Roles.OutreachCounsellor);
        var recordId = (await (await counsellor.PostAsync("/api/open-door/records", Json("""{"alias":"Güero","zone":"Centro"}"""))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        using (var scope = factory.Services.CreateScope())
        {
            // As openDoor.admit leaves it (the journey is proved end to end in Journeys/EndToEnd).
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var record = await db.Set<OpenDoorRecord>().SingleAsync(r => r.Id == recordId);
            (record.AdmittedCaseId, record.AdmittedCaseReference, record.Status) = ("case-linked-0001", "CA-2026-9911", OpenDoorStatuses.Residential);
            await db.SaveChangesAsync();
        }

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var seen = await (await coordinator.GetAsync($"/api/open-door/records/{recordId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("CA-2026-9911", seen.GetProperty("admittedCaseReference").GetString());
        foreach (var role in new[] { Roles.OutreachCounsellor, Roles.SocialWorker, Roles.DataManager, Roles.Admin, Roles.LunaTeam })
        {
            using var client = factory.ClientAs(role);
            foreach (var url in new[] { $"/api/open-door/records/{recordId}", "/api/open-door/records", "/api/open-door/records?status=residential" })
            {
                var body = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
                SensitiveAnswers.AssertNothingSensitive($"GET {url} as {role}", body, ["CA-2026-9911", "case-linked-0001"], ["admittedCaseId", "admittedCaseReference"]);
            }
        }

        using var check = factory.Services.CreateScope();
        var reads = await check.ServiceProvider.GetRequiredService<OrchestratorDbContext>().History.AsNoTracking()
            .Where(h => h.Type == SensitiveDataGuard.AuditType && h.ItemId == recordId).ToListAsync();
        Assert.Equal(["apikey:coordinator-bot"], reads.Select(r => r.UserId).Distinct());
    }

    [Fact]
    public async Task Consent_is_recorded_with_its_date_and_who_recorded_it_on_the_caseload()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var id = (await (await coordinator.PostAsync("/api/cases", Json("""{"givenNames":"Rosa","sex":"female","nationality":"México","legalRepresentative":"ppnna"}""")))
            .AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var consent = await (await coordinator.PostAsync($"/api/cases/{id}/consents", Json("""{"subject":"programme:luna","givenBy":"child","given":true,"givenOn":"2026-01-10","notes":"Explained with the psychologist."}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal(("2026-01-10", "apikey:coordinator-bot"), (consent.GetProperty("givenOn").GetString(), consent.GetProperty("recordedBy").GetString()));

        Assert.Contains("subject", (await (await coordinator.PostAsync($"/api/cases/{id}/consents", Json("""{"subject":"everything","givenBy":"child","given":true}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Contains("givenOn", (await (await coordinator.PostAsync($"/api/cases/{id}/consents", Json("""{"subject":"information-sharing","givenBy":"ppnna","given":true,"givenOn":"2999-01-01"}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        using var worker = factory.ClientAs(Roles.SocialWorker);
        await (await worker.PostAsync($"/api/cases/{id}/consents", Json("""{"subject":"programme:luna","givenBy":"ppnna","given":true}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);

        var file = await (await coordinator.GetAsync($"/api/cases/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ppnna", file.GetProperty("legalRepresentative").GetString());
        Assert.Equal("programme:luna", Assert.Single(file.GetProperty("consents").EnumerateArray()).GetProperty("subject").GetString());

        var baby = await (await coordinator.PostAsync($"/api/cases/{id}/babies", Json("""{"givenNames":"Sol","birthDate":"2026-01-02","sex":"female"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, baby.GetProperty("motherCaseId").GetString());
        Assert.Empty((await (await coordinator.GetAsync($"/api/cases/{id}/programmes")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }
}
