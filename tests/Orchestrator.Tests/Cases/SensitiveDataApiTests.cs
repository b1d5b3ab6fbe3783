using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// Sensitive data in the real host: what Luna's team records (HIV status, a history of sexual exploitation, trafficking,
/// the care plan) is shown only to Luna's team and the psychologists; every answer anyone else can reach holds a
/// restricted marker instead, never the value; every read of a value is audited.
/// </summary>
public sealed class SensitiveDataApiTests(SensitiveDataFactory factory) : IClassFixture<SensitiveDataFactory>
{
    private const string ExploitationHistory = "SECRET-EXPLOITATION-7f3a";
    private const string CarePlan = "SECRET-CARE-PLAN-91c2";

    /// <summary>Values that must appear in no answer to a reader without the role.</summary>
    private static readonly string[] Secrets = [ExploitationHistory, CarePlan, "\"positive\""];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A case and an instance whose first step records Luna's findings in the case file; Luna's follow-up waits.</summary>
    private async Task<(string CaseId, string Reference, string InstanceId)> RecordFindingsAsync(string hivStatus = "positive")
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var created = await (await coordinator.PostAsync("/api/cases", Json("""{"givenNames":"Itzel","birthDate":"2010-02-01","sex":"female","nationality":"México"}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        var (caseId, reference) = (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
        var variables = new System.Text.Json.Nodes.JsonObject
        {
            ["caseId"] = caseId, ["hivStatus"] = hivStatus, ["sexualExploitationHistory"] = ExploitationHistory, ["traffickingVictim"] = true, ["carePlan"] = CarePlan,
        };
        var started = await (await coordinator.PostAsync("/api/processes/CaseSensitive/instances", Json(new System.Text.Json.Nodes.JsonObject { ["businessKey"] = reference, ["variables"] = variables }.ToJsonString())))
            .AssertJsonAsync(HttpStatusCode.Created);
        return (caseId, reference, started.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Staff_without_the_role_find_no_sensitive_value_in_any_answer_they_can_reach()
    {
        var (caseId, reference, instanceId) = await RecordFindingsAsync();
        string taskId;
        using (var admin = factory.ClientAs(Roles.Admin))
        {
            var tasks = await (await admin.GetAsync($"/api/tasks?instanceId={instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
            taskId = tasks.EnumerateArray().Single().GetProperty("id").GetString()!;
        }

        string[] urls =
        [
            "/api/cases", $"/api/cases/{caseId}", $"/api/cases/{reference}", $"/api/cases/{caseId}/programmes", $"/api/cases/{caseId}/family-matches",
            $"/api/instances/{instanceId}", $"/api/instances/{instanceId}/history", $"/api/tasks?instanceId={instanceId}", "/api/tasks",
            $"/api/tasks/{Uri.EscapeDataString(taskId)}", $"/api/tasks/{Uri.EscapeDataString(taskId)}/form",
            "/api/incidents", "/api/outbox", "/api/open-door/records", "/api/open-door/contacts", "/api/facilities",
        ];
        string[] withoutTheRole =
        [
            Roles.Coordinator, Roles.DataManager, Roles.Admin, Roles.SocialWorker, Roles.Educator, Roles.Lawyer, Roles.PpnnaLiaison,
            Roles.OutreachCounsellor, Roles.PalomasTeam, Roles.Designer,
        ];
        var reached = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var role in withoutTheRole)
        {
            using var client = factory.ClientAs(role);
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (url.EndsWith("/form", StringComparison.Ordinal) && response.IsSuccessStatusCode)
                {
                    // The form's schema lists the options its select offers ("positive" among them); what must not
                    // reach the reader is the value the variables hold.
                    using var form = System.Text.Json.JsonDocument.Parse(body);
                    body = form.RootElement.GetProperty("variables").GetRawText();
                }

                SensitiveAnswers.AssertNothingSensitive($"GET {url} as {role} ({(int)response.StatusCode})", body, Secrets);
                if (response.IsSuccessStatusCode)
                {
                    reached[role] = reached.GetValueOrDefault(role) + 1;
                }
            }
        }

        // Not a test that cannot fail: the coordinator did reach the case file, the instance and its history, and they
        // hold the markers where the values were.
        Assert.True(reached[Roles.Coordinator] >= 10, $"the coordinator reached only {reached[Roles.Coordinator]} answers");
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var file = await (await coordinator.GetAsync($"/api/cases/{caseId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.True(SensitiveAnswers.IsMarker(file.GetProperty("hivStatus")));
        Assert.True(SensitiveAnswers.IsMarker(file.GetProperty("sexualExploitationHistory")));
        Assert.True(SensitiveAnswers.IsMarker(file.GetProperty("flags").GetProperty("traffickingVictim")));
        Assert.False(file.GetProperty("flags").GetProperty("indigenous").GetBoolean()); // the other flags as they are
        var instance = await (await coordinator.GetAsync($"/api/instances/{instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("sexual-health", instance.GetProperty("variables").GetProperty("carePlan").GetProperty("category").GetString());
        Assert.Equal(caseId, instance.GetProperty("variables").GetProperty("caseId").GetString()); // the rest as it is

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.False(await db.History.AnyAsync(h => h.Type == SensitiveDataGuard.AuditType && h.UserId == "apikey:coordinator-bot"));
    }

    [Fact]
    public async Task Lunas_team_and_the_psychologists_read_the_values_and_every_read_is_audited()
    {
        var (caseId, _, instanceId) = await RecordFindingsAsync();
        using var luna = factory.ClientAs(Roles.LunaTeam);
        var file = await (await luna.GetAsync($"/api/cases/{caseId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("positive", file.GetProperty("hivStatus").GetString());
        Assert.Equal(ExploitationHistory, file.GetProperty("sexualExploitationHistory").GetString());
        Assert.True(file.GetProperty("flags").GetProperty("traffickingVictim").GetBoolean());
        var instance = await (await luna.GetAsync($"/api/instances/{instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(CarePlan, instance.GetProperty("variables").GetProperty("carePlan").GetString());
        var history = await (await luna.GetAsync($"/api/instances/{instanceId}/history")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("detail").ValueKind == JsonValueKind.Object
            && h.GetProperty("detail").TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == CarePlan);

        // The psychologist reads them too (the case file is not on their caseload: its task is Luna's).
        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var seen = await (await psychologist.GetAsync($"/api/instances/{instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("positive", seen.GetProperty("variables").GetProperty("hivStatus").GetString());
        await (await psychologist.GetAsync($"/api/cases/{caseId}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var reads = await db.History.AsNoTracking().Where(h => h.Type == SensitiveDataGuard.AuditType && (h.ItemId == caseId || h.InstanceId == instanceId)).ToListAsync();
        var fileRead = Assert.Single(reads, r => r.UserId == "apikey:luna-team-bot" && r.ItemId == caseId);
        Assert.Contains("\"case-file\"", fileRead.Detail, StringComparison.Ordinal);
        Assert.Contains("hivStatus", fileRead.Detail, StringComparison.Ordinal);
        Assert.Contains("flags.traffickingVictim", fileRead.Detail, StringComparison.Ordinal);
        Assert.Contains(reads, r => r.UserId == "apikey:luna-team-bot" && r.InstanceId == instanceId && r.Detail!.Contains("\"instance\"", StringComparison.Ordinal) && r.Detail.Contains("carePlan", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.UserId == "apikey:luna-team-bot" && r.InstanceId == instanceId && r.Detail!.Contains("\"history\"", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.UserId == "apikey:psychologist-bot" && r.InstanceId == instanceId);
    }

    [Fact]
    public async Task An_incident_does_not_repeat_a_value_its_reader_may_not_see()
    {
        // A value the case file cannot take: the job fails naming it, and after its one attempt it is an incident.
        const string bad = "SECRET-HIV-VALUE-c0d3";
        var (_, _, instanceId) = await RecordFindingsAsync(hivStatus: bad);
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var incidents = await (await coordinator.GetAsync("/api/incidents")).AssertJsonAsync(HttpStatusCode.OK);
        var incident = Assert.Single(incidents.EnumerateArray(), i => i.GetProperty("instanceId").GetString() == instanceId);
        var message = incident.GetProperty("message").GetString()!;
        Assert.Contains("hivStatus", message, StringComparison.Ordinal);
        Assert.Contains(SensitiveMarker.Text, message, StringComparison.Ordinal);
        foreach (var url in new[] { "/api/incidents", $"/api/instances/{instanceId}", $"/api/instances/{instanceId}/history" })
        {
            var body = await (await coordinator.GetAsync(url)).Content.ReadAsStringAsync();
            SensitiveAnswers.AssertNothingSensitive($"GET {url} as coordinator", body, [bad, ExploitationHistory, CarePlan]);
        }
    }

    [Fact]
    public async Task A_case_file_opened_with_the_trafficking_flag_answers_its_writer_with_the_marker()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var created = await (await coordinator.PostAsync("/api/cases", Json("""{"givenNames":"Lía","nationality":"Honduras","flags":{"traffickingVictim":true,"indigenous":true}}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        Assert.True(SensitiveAnswers.IsMarker(created.GetProperty("flags").GetProperty("traffickingVictim")));
        Assert.True(created.GetProperty("flags").GetProperty("indigenous").GetBoolean());

        using var apartments = factory.ClientAs(Roles.ApartmentTeam);
        var id = created.GetProperty("id").GetString();
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Set<Orchestrator.Cases.ChildCase>().AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.True(stored.Flags.TraffickingVictim); // written as given; only its answer is redacted
    }
}
