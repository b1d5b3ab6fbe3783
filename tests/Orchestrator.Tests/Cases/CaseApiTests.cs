using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Cases;

/// <summary>The case API in the real host: role checks, bad input naming the field, audited reads.</summary>
public sealed class CaseApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(string Id, string Reference)> CreateAsync()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var created = await (await coordinator.PostAsync("/api/cases", Json("""{"givenNames":"Luis","birthDate":"2011-06-01","sex":"male","nationality":"Guatemala","languages":"es","childOpinion":"Quiero estudiar."}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
    }

    [Fact]
    public async Task Coordinators_and_data_managers_write_other_staff_read_their_caseload_designers_see_nothing()
    {
        using var worker = factory.ClientAs(Roles.SocialWorker);
        await (await worker.PostAsync("/api/cases", Json("""{"givenNames":"X","nationality":"Honduras"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var dataManager = factory.ClientAs(Roles.DataManager);
        var created = await (await dataManager.PostAsync("/api/cases", Json("""{"givenNames":"Eva","nationality":"Honduras"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        Assert.Matches("^CA-[0-9]{4}-[0-9]{4}$", created.GetProperty("reference").GetString());

        var (id, reference) = await CreateAsync();
        var measure = """{"rightConcerned":"education","measure":"Enrol in school","responsibleInstitution":"SEP","startDate":"2026-01-10","dueDate":"2026-02-10"}""";
        await (await worker.PostAsync($"/api/cases/{id}/restitution-measures", Json(measure))).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        await (await coordinator.PostAsync($"/api/cases/{id}/restitution-measures", Json(measure))).AssertJsonAsync(HttpStatusCode.Created);
        var objective = await (await coordinator.PostAsync($"/api/cases/{reference}/life-plan/objectives", Json("""{"programme":"education","horizon":"short","description":"Finish primary school"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        await (await coordinator.PostAsync($"/api/cases/{id}/life-plan/objectives/{objective.GetProperty("id").GetString()}/activities", Json("""{"description":"Tutoring twice a week"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        await (await coordinator.PostAsync($"/api/cases/{id}/opinions", Json("""{"decision":"placement","opinion":"Prefiero una familia."}"""))).AssertJsonAsync(HttpStatusCode.Created);

        var tracing = await (await coordinator.PostAsync($"/api/cases/{id}/family-tracing", Json("""{"familyFound":true,"notes":"An aunt"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("familyLocation", tracing.Detail(), StringComparison.Ordinal);
        await (await coordinator.PostAsync($"/api/cases/{id}/family-tracing", Json("""{"familyFound":true,"familyLocation":"mexico","notes":"An aunt"}"""))).AssertJsonAsync(HttpStatusCode.Created);

        // A social worker opens the file once the case is on their caseload: a task of it offered to their group.
        var refused = await (await worker.GetAsync($"/api/cases/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"Case {reference} is not on your caseload", refused.Detail(), StringComparison.Ordinal);
        await (await coordinator.PostAsync("/api/processes/ApiIntake/instances", Json($$"""{"variables":{"caseRef":"{{reference}}","age":15},"businessKey":"{{reference}}"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        var file = await (await worker.GetAsync($"/api/cases/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("mexico", file.GetProperty("familyTracing")[0].GetProperty("familyLocation").GetString());
        Assert.Equal(reference, file.GetProperty("reference").GetString());
        Assert.Equal("detection", file.GetProperty("phase").GetString());
        Assert.Equal("SEP", file.GetProperty("restitutionMeasures")[0].GetProperty("responsibleInstitution").GetString());
        Assert.Equal("Tutoring twice a week", file.GetProperty("objectives")[0].GetProperty("activities")[0].GetProperty("description").GetString());
        Assert.Equal(2, file.GetProperty("opinions").GetArrayLength());
        Assert.False(file.GetProperty("flags").GetProperty("victimOfCrime").GetBoolean());

        using var designer = factory.ClientAs(Roles.Designer);
        await (await designer.GetAsync($"/api/cases/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await designer.GetAsync("/api/facilities")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await factory.Anonymous().GetAsync($"/api/cases/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_case_read_is_audited_with_who_when_and_which_case()
    {
        var (id, _) = await CreateAsync();
        using var dataManager = factory.ClientAs(Roles.DataManager);
        await (await dataManager.GetAsync($"/api/cases/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        await (await dataManager.GetAsync($"/api/cases/{id}")).AssertJsonAsync(HttpStatusCode.OK);

        // A refused read (not on the psychologist's caseload) leaves its own row and reveals nothing of the file.
        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var refused = await (await psychologist.GetAsync($"/api/cases/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain("Luis", refused.Detail(), StringComparison.Ordinal);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var reads = await db.History.AsNoTracking().Where(h => h.Type == "CaseRead" && h.ItemId == id).ToListAsync();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal("apikey:data-manager-bot", r.UserId));
        Assert.All(reads, r => Assert.True(r.At > DateTimeOffset.UtcNow.AddMinutes(-5)));
        var refusal = Assert.Single(await db.History.AsNoTracking().Where(h => h.Type == "CaseReadRefused" && h.ItemId == id).ToListAsync());
        Assert.Equal("apikey:psychologist-bot", refusal.UserId);
    }

    [Fact]
    public async Task A_case_stays_on_the_caseload_of_whoever_worked_on_it_and_leaves_a_group_once_its_task_is_done()
    {
        var (id, reference) = await CreateAsync();
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var instance = await (await coordinator.PostAsync("/api/processes/ApiIntake/instances", Json($$"""{"variables":{"caseRef":"{{reference}}","age":15},"businessKey":"{{reference}}"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        var instanceId = instance.GetProperty("id").GetString()!;
        using var worker = factory.ClientAs(Roles.SocialWorker);
        await factory.CreateUserAsync("sofia-" + id[..6], Roles.SocialWorker, "Sofia-passphrase-2026");
        using var sofia = factory.Anonymous();
        var antiforgery = await ApiFactory.SignInAsync(sofia, "sofia-" + id[..6], "Sofia-passphrase-2026");

        // Offered to social workers: every social worker opens it while the task waits.
        await (await sofia.GetAsync($"/api/cases/{id}")).AssertJsonAsync(HttpStatusCode.OK);

        // Sofía completes it; the group's access ends with the task, hers stays.
        var tasks = await (await sofia.GetAsync($"/api/tasks?instanceId={instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
        var taskId = tasks.EnumerateArray().Single().GetProperty("id").GetString();
        using var complete = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/complete") { Content = Json("""{"variables":{}}""") };
        complete.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, antiforgery);
        Assert.True((await sofia.SendAsync(complete)).IsSuccessStatusCode);

        await (await sofia.GetAsync($"/api/cases/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        await (await worker.GetAsync($"/api/cases/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await worker.GetAsync($"/api/cases/{id}/family-matches")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_answers_400_naming_the_field_and_an_unknown_case_404()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var problem = await (await coordinator.PostAsync("/api/cases", Json("""{"givenNames":"Ana","nationality":"Honduras","sex":"unknown"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sex", problem.Detail(), StringComparison.Ordinal);
        problem = await (await coordinator.PostAsync("/api/cases", Json("""{"nationality":"Honduras"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("givenNames", problem.Detail(), StringComparison.Ordinal);
        problem = await (await coordinator.PostAsync("/api/facilities", Json("""{"id":"too-big","name":"Too big","kind":"group-home","capacity":9}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("capacity", problem.Detail(), StringComparison.Ordinal);
        var longName = new string('a', 300);
        problem = await (await coordinator.PostAsync("/api/cases", Json($$"""{"givenNames":"{{longName}}","nationality":"Honduras"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("givenNames", problem.Detail(), StringComparison.Ordinal);
        await (await coordinator.GetAsync("/api/cases/no-such-case")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await coordinator.GetAsync("/api/cases?phase=nowhere")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Facilities_families_and_matches()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var facility = await (await coordinator.PostAsync("/api/facilities", Json("""{"id":"gh-api","name":"Group home","kind":"group-home"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal((8, 16, 18), (facility.GetProperty("capacity").GetInt32(), facility.GetProperty("minAge").GetInt32(), facility.GetProperty("maxAge").GetInt32()));
        var family = await (await coordinator.PostAsync("/api/foster-families", Json("""{"id":"fam-api","reference":"FAM-API-1","name":"Familia","languages":"es","capacity":2}"""))).AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal("applicant", family.GetProperty("status").GetString());

        using var worker = factory.ClientAs(Roles.SocialWorker);
        var facilities = await (await worker.GetAsync("/api/facilities")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains(facilities.EnumerateArray(), f => f.GetProperty("id").GetString() == "gh-api" && f.GetProperty("occupied").GetInt32() == 0);
        var (id, _) = await CreateAsync();

        // Only active families of the register are suggested; an applicant is not.
        var matches = await (await coordinator.GetAsync($"/api/cases/{id}/family-matches")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(matches.EnumerateArray(), m => m.GetProperty("familyId").GetString() == "fam-api");
        await (await worker.GetAsync("/api/consulates")).AssertJsonAsync(HttpStatusCode.OK);
        var list = await (await worker.GetAsync("/api/cases?phase=detection")).AssertJsonAsync(HttpStatusCode.OK);
        var listed = Assert.Single(list.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.False(listed.TryGetProperty("givenNames", out _), "a case list must not carry names");
        Assert.False(listed.TryGetProperty("flags", out _), "a case list must not carry profile flags");
    }
}
