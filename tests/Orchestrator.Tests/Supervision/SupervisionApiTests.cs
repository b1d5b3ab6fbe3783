using System.Net;
using System.Text;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Supervision;

/// <summary>
/// The supervision API, as a program uses it: journeys and where their instances wait, the instances at an element a
/// page at a time, a search by case reference in the body, an instance's timers and path, deadlines and the audit with
/// their policies, a cancellation with its reason; bad input answers 400 naming the field.
/// </summary>
public sealed class SupervisionApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> StartAsync(HttpClient client, string reference) =>
        (await (await client.PostAsync("/api/processes/ApiIntake/instances", Json($$"""{"businessKey":"{{reference}}"}"""))).AssertJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    [Fact]
    public async Task A_program_reads_where_instances_wait_and_pages_through_them()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var reference = "CA-API-" + Guid.NewGuid().ToString("N")[..6];
        var first = await StartAsync(coordinator, reference);
        await StartAsync(coordinator, reference + "-b");

        var journeys = await (await coordinator.GetAsync("/api/journeys")).AssertJsonAsync(HttpStatusCode.OK);
        var intake = journeys.EnumerateArray().Single(j => j.GetProperty("processId").GetString() == "ApiIntake");
        Assert.True(intake.GetProperty("running").GetInt32() >= 2);

        var overview = await (await coordinator.GetAsync("/api/journeys/ApiIntake/overview")).AssertJsonAsync(HttpStatusCode.OK);
        var review = overview.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("elementId").GetString() == "Task_Review");
        Assert.Equal("Review the referral", review.GetProperty("name").GetString());
        Assert.True(review.GetProperty("waiting").GetInt32() >= 2);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var url = "/api/journeys/ApiIntake/versions/1/elements/Task_Review/instances?limit=1";
        for (var page = 0; page < 100 && url is not null; page++)
        {
            var body = await (await coordinator.GetAsync(url)).AssertJsonAsync(HttpStatusCode.OK);
            Assert.True(body.GetProperty("instances").GetArrayLength() <= 1);
            foreach (var i in body.GetProperty("instances").EnumerateArray())
            {
                Assert.True(seen.Add(i.GetProperty("instanceId").GetString()!));
            }

            url = body.GetProperty("next").GetString() is { } next ? "/api/journeys/ApiIntake/versions/1/elements/Task_Review/instances?limit=1&after=" + Uri.EscapeDataString(next) : null;
        }

        Assert.Contains(first, seen);
        var bad = await (await coordinator.GetAsync("/api/journeys/ApiIntake/versions/1/elements/Task_Review/instances?limit=0")).AssertJsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("limit", bad.Detail(), StringComparison.Ordinal);
        await (await coordinator.GetAsync("/api/journeys/NoSuchJourney/overview")).AssertJsonAsync(HttpStatusCode.NotFound);

        var path = await (await coordinator.GetAsync($"/api/instances/{first}/path")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["F1"], path.GetProperty("takenFlows").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, (await (await coordinator.GetAsync($"/api/instances/{first}/timers")).AssertJsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task A_search_takes_the_reference_in_the_body_and_a_cancellation_keeps_its_reason()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var reference = "CA-API-" + Guid.NewGuid().ToString("N")[..6];
        var id = await StartAsync(coordinator, reference);
        var found = await (await coordinator.PostAsync("/api/instances/search", Json($$"""{"caseReference":"{{reference}}"}"""))).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(found.EnumerateArray()).GetProperty("instanceId").GetString());
        var missing = await (await coordinator.PostAsync("/api/instances/search", Json("{}"))).AssertJsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("caseReference", missing.Detail(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/instances/{id}?reason=" + Uri.EscapeDataString("Expediente duplicado"))).StatusCode);
        var history = await (await coordinator.GetAsync($"/api/instances/{id}/history")).AssertJsonAsync(HttpStatusCode.OK);
        var cancelled = history.EnumerateArray().Single(h => h.GetProperty("type").GetString() == "InstanceCancelled");
        Assert.Contains("Expediente duplicado", cancelled.GetProperty("detail").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadlines_are_for_coordinators_and_the_audit_for_data_managers_with_bad_input_named()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        using var dataManager = factory.ClientAs(Roles.DataManager);
        var deadlines = await (await coordinator.GetAsync("/api/deadlines?days=30")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.True(deadlines.GetProperty("total").GetInt32() >= 0);
        Assert.Contains("days", (await (await coordinator.GetAsync("/api/deadlines?days=400")).AssertJsonAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await dataManager.GetAsync("/api/deadlines")).StatusCode);

        var reference = "CA-API-" + Guid.NewGuid().ToString("N")[..6];
        await StartAsync(coordinator, reference);
        var audit = await (await dataManager.GetAsync("/api/audit?caseReference=" + reference)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "InstanceStarted" && e.GetProperty("caseReference").GetString() == reference);
        Assert.Contains("to", (await (await dataManager.GetAsync("/api/audit?from=2026-12-10&to=2026-12-01")).AssertJsonAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/audit")).StatusCode);
    }
}
