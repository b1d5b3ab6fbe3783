using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

public sealed class InstanceApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Starting_answers_201_with_the_id_and_the_instance_waits_at_its_first_task()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        var response = await client.PostAsync("/api/processes/ApiIntake/instances", Json("""{"variables":{"caseRef":"C-1","age":15},"businessKey":"C-1"}"""));

        var started = await response.AssertJsonAsync(HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal($"/api/instances/{id}", response.Headers.Location?.OriginalString);

        var instance = await (await client.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, instance.GetProperty("id").GetString());
        Assert.Equal("ApiIntake", instance.GetProperty("processId").GetString());
        Assert.Equal(1, instance.GetProperty("version").GetInt32());
        Assert.Equal("C-1", instance.GetProperty("businessKey").GetString());
        Assert.Equal("active", instance.GetProperty("status").GetString());
        Assert.Equal(["Task_Review"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(15, instance.GetProperty("variables").GetProperty("age").GetInt32());
        Assert.Empty(instance.GetProperty("incidents").EnumerateArray());

        var history = await (await client.GetAsync($"/api/instances/{id}/history")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.NotEmpty(history.EnumerateArray());
    }

    [Fact]
    public async Task Starting_without_a_body_is_allowed()
    {
        using var client = factory.ClientAs(Roles.Coordinator);
        var response = await client.PostAsync("/api/processes/ApiIntake/instances", null);
        await response.AssertJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unknown_process_answers_404()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        var problem = await (await client.PostAsync("/api/processes/NoSuchProcess/instances", Json("{}"))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("NoSuchProcess", problem.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"variables": {"age": 15,}""")]
    [InlineData("""{"variables": [1, 2]}""")]
    [InlineData("not json at all")]
    public async Task Malformed_JSON_answers_400_saying_what_is_wrong(string body)
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        var problem = await (await client.PostAsync("/api/processes/ApiIntake/instances", Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_answers_404()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        await (await client.GetAsync("/api/instances/no-such-instance")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/instances/no-such-instance/history")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Coordinators_cancel_and_social_workers_may_not()
    {
        using var worker = factory.ClientAs(Roles.SocialWorker);
        var id = (await (await worker.PostAsync("/api/processes/ApiIntake/instances", Json("{}"))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        await (await worker.DeleteAsync($"/api/instances/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/instances/{id}")).StatusCode);
        var instance = await coordinator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/instances/{id}");
        Assert.Equal("cancelled", instance.GetProperty("status").GetString());

        await (await coordinator.DeleteAsync($"/api/instances/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await coordinator.DeleteAsync("/api/instances/no-such-instance")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Designers_see_no_case_data()
    {
        using var designer = factory.ClientAs(Roles.Designer);
        await (await designer.PostAsync("/api/processes/ApiIntake/instances", Json("{}"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await designer.GetAsync("/api/tasks")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
