using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

/// <summary>
/// <c>PUT /api/instances/{id}/variables</c>: an incident caused by missing data is repaired and retried over HTTP;
/// and request values longer than their columns are answered 400 (naming the field) or 404, changing nothing.
/// </summary>
public sealed class InstanceRepairApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // Which placement a child gets depends on the age; a referral without it stops at the gateway (no flow holds).
    private const string Placement = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:tests:api" id="Defs_Placement">
          <bpmn:process id="ApiPlacement" name="Placement (API tests)" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Gateway_Age" />
            <bpmn:userTask id="Task_Foster" name="Find a foster family" orc:candidateGroups="social-worker" />
            <bpmn:userTask id="Task_Independence" name="Plan independent life" orc:candidateGroups="educator" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gateway_Age" />
            <bpmn:sequenceFlow id="F_Young" sourceRef="Gateway_Age" targetRef="Task_Foster"><bpmn:conditionExpression>= age &lt; 16</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F_Older" sourceRef="Gateway_Age" targetRef="Task_Independence"><bpmn:conditionExpression>= age &gt;= 16</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Foster" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Independence" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task DeployPlacementAsync()
    {
        using var designer = factory.ClientAs(Roles.Designer);
        var response = await designer.PostAsync("/api/definitions?name=placement.bpmn", ApiFactory.Xml(Placement));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_coordinator_repairs_the_data_of_an_incident_and_the_retry_goes_on_with_it()
    {
        await DeployPlacementAsync();
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var id = (await (await coordinator.PostAsync("/api/processes/ApiPlacement/instances", Json("""{"businessKey":"REPAIR-1","variables":{"child":"Ana"}}""")))
            .AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var incident = Assert.Single((await (await coordinator.GetAsync("/api/incidents")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray(),
            i => i.GetProperty("instanceId").GetString() == id);
        Assert.Equal("Gateway_Age", incident.GetProperty("elementId").GetString());
        var incidentId = incident.GetProperty("id").GetString()!;

        // Only coordinators and admins repair data.
        using (var worker = factory.ClientAs(Roles.SocialWorker))
        {
            await (await worker.PutAsync($"/api/instances/{id}/variables", Json("""{"variables":{"age":17}}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PutAsync($"/api/instances/{id}/variables", Json("""{"variables":{"age":17,"ageSource":"passport"}}"""))).StatusCode);
        var instance = await (await coordinator.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(17, instance.GetProperty("variables").GetProperty("age").GetInt32());
        Assert.Equal("Ana", instance.GetProperty("variables").GetProperty("child").GetString());
        Assert.Equal(["Gateway_Age"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/incidents/{incidentId}/retry", null)).StatusCode);
        instance = await (await coordinator.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Task_Independence"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(instance.GetProperty("incidents").EnumerateArray());

        // The history says who set which names.
        var history = (await (await coordinator.GetAsync($"/api/instances/{id}/history")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        var set = Assert.Single(history, h => h.GetProperty("type").GetString() == "VariablesSet");
        Assert.Equal("apikey:coordinator-bot", set.GetProperty("userId").GetString());
        Assert.Equal(["age", "ageSource"], set.GetProperty("detail").GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains(history, h => h.GetProperty("type").GetString() is "VariableCreated" or "VariableUpdated"
            && h.GetProperty("userId").GetString() == "apikey:coordinator-bot" && h.GetProperty("detail").GetProperty("name").GetString() == "age");
    }

    [Fact]
    public async Task Setting_variables_answers_400_for_an_empty_body_404_for_an_unknown_instance_and_409_when_it_ended()
    {
        await DeployPlacementAsync();
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var id = (await (await coordinator.PostAsync("/api/processes/ApiPlacement/instances", Json("""{"variables":{"age":3}}""")))
            .AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        foreach (var body in new[] { "{}", """{"variables":{}}""", """{"variables":5}""" })
        {
            var problem = await (await coordinator.PutAsync($"/api/instances/{id}/variables", Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("variables", problem.GetRawText(), StringComparison.Ordinal);
        }

        await (await coordinator.PutAsync("/api/instances/no-such-instance/variables", Json("""{"variables":{"age":4}}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/instances/{id}")).StatusCode);
        await (await coordinator.PutAsync($"/api/instances/{id}/variables", Json("""{"variables":{"age":4}}"""))).AssertProblemAsync(HttpStatusCode.Conflict);
        var instance = await (await coordinator.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, instance.GetProperty("variables").GetProperty("age").GetInt32());
    }

    public static TheoryData<string, string, string, int, string> TooLong()
    {
        var key = new string('k', 201);
        var id = new string('i', 300);
        return new()
        {
            { "start: businessKey of 201 characters", "POST", "/api/processes/ApiIntake/instances", 400, "businessKey" },
            { "start: process id of 300 characters", "POST", $"/api/processes/{id}/instances", 404, "process" },
            { "message: name of 201 characters", "POST", "/api/messages", 400, "name" },
            { "message: correlationKey of 201 characters", "POST", "/api/messages#key", 400, "correlationKey" },
            { "instance: id of 300 characters", "GET", $"/api/instances/{id}", 404, "instance" },
            { "history: id of 300 characters", "GET", $"/api/instances/{id}/history", 404, "instance" },
            { "cancel: id of 300 characters", "DELETE", $"/api/instances/{id}", 404, "instance" },
            { "variables: id of 300 characters", "PUT", $"/api/instances/{id}/variables", 404, "instance" },
            { "variables: a name of 201 characters", "PUT", "/api/instances/{instance}/variables", 400, "variables" },
            { "retry: incident id of 300 characters", "POST", $"/api/incidents/{id}/retry", 404, id[..20] },
        };
    }

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task A_value_longer_than_its_column_is_a_problem_naming_it_and_changes_nothing(string name, string method, string path, int status, string named)
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var instance = (await (await coordinator.PostAsync("/api/processes/ApiIntake/instances", Json("""{"businessKey":"LIMITS"}""")))
            .AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var before = await (await coordinator.GetAsync($"/api/instances/{instance}")).Content.ReadAsStringAsync();
        var instancesBefore = await CountInstancesAsync();
        var long201 = new string('x', 201);
        var body = name switch
        {
            _ when name.StartsWith("start", StringComparison.Ordinal) => $$"""{"businessKey":"{{long201}}"}""",
            _ when path.EndsWith("#key", StringComparison.Ordinal) => $$"""{"name":"documentsArrived","correlationKey":"{{long201}}"}""",
            _ when name.StartsWith("message", StringComparison.Ordinal) => $$"""{"name":"{{long201}}","correlationKey":"C-1"}""",
            _ when name.StartsWith("variables", StringComparison.Ordinal) => $$$"""{"variables":{"{{{long201}}}":1}}""",
            _ => null,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("#key", "", StringComparison.Ordinal).Replace("{instance}", instance, StringComparison.Ordinal))
        {
            Content = body is null ? null : Json(body),
        };

        var response = await coordinator.SendAsync(request);
        var problem = await response.AssertProblemAsync((HttpStatusCode)status);
        Assert.Contains(named, problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await (await coordinator.GetAsync($"/api/instances/{instance}")).Content.ReadAsStringAsync());
        Assert.Equal(instancesBefore, await CountInstancesAsync());
    }

    private async Task<int> CountInstancesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Instances.CountAsync();
    }
}
