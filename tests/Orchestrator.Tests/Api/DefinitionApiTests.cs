using System.Net;
using System.Text.Json;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

public sealed class DefinitionApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Deploying_a_file_with_one_process_answers_201_with_its_id_and_version()
    {
        using var client = factory.ClientAs(Roles.Designer);
        var xml = (await File.ReadAllTextAsync(ApiFactory.Fixture("intake.bpmn"))).Replace("ApiIntake", "ApiDeployed", StringComparison.Ordinal);

        var response = await client.PostAsync("/api/definitions?name=deployed.bpmn", ApiFactory.Xml(xml, "text/xml"));

        var body = await response.AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal("ApiDeployed", body.GetProperty("processId").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("/api/definitions/ApiDeployed/versions/1/xml", response.Headers.Location?.OriginalString);

        var stored = await client.GetAsync("/api/definitions/ApiDeployed/versions/1/xml");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("application/xml", stored.Content.Headers.ContentType?.MediaType);
        Assert.Equal(xml, await stored.Content.ReadAsStringAsync());

        var again = await client.PostAsync("/api/definitions", ApiFactory.Xml(xml));
        var unchanged = await again.AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Deploying_a_file_with_two_processes_answers_an_array()
    {
        using var client = factory.ClientAs(Roles.Admin);
        var response = await client.PostAsync("/api/definitions", ApiFactory.Xml(await File.ReadAllTextAsync(ApiFactory.Fixture("two-processes.bpmn"))));

        var body = await response.AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(["ApiFirst", "ApiSecond"], body.EnumerateArray().Select(p => p.GetProperty("processId").GetString()).Order());
    }

    [Fact]
    public async Task Invalid_BPMN_answers_422_naming_the_element_and_deploys_nothing()
    {
        using var client = factory.ClientAs(Roles.Designer);
        var response = await client.PostAsync("/api/definitions", ApiFactory.Xml(await File.ReadAllTextAsync(ApiFactory.Fixture("invalid.bpmn"))));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("elementId").GetString() == "Task_Java" && e.GetProperty("code").GetString()!.Length > 0 && e.GetProperty("message").GetString()!.Length > 0);

        var list = await (await client.GetAsync("/api/definitions")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("processId").GetString() == "ApiInvalid");
    }

    [Fact]
    public async Task Hostile_XML_with_entities_answers_422_without_expanding_them()
    {
        using var client = factory.ClientAs(Roles.Designer);
        var response = await client.PostAsync("/api/definitions", ApiFactory.Xml(await File.ReadAllTextAsync(ApiFactory.Fixture("hostile.bpmn"))));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());
        Assert.DoesNotContain("root:", problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("lollol", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_XML_answers_422_and_a_wrong_content_type_415_and_an_empty_body_400()
    {
        using var client = factory.ClientAs(Roles.Designer);
        await (await client.PostAsync("/api/definitions", ApiFactory.Xml("this is not xml"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostAsync("/api/definitions", ApiFactory.Xml("<x/>", "application/json"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await client.PostAsync("/api/definitions", ApiFactory.Xml(""))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413()
    {
        using var client = factory.ClientAs(Roles.Designer);
        var huge = "<x>" + new string('a', ApiFactory.MaxBodyBytes + 10) + "</x>";

        var problem = await (await client.PostAsync("/api/definitions", ApiFactory.Xml(huge))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("limit", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_shows_the_definitions_deployed_at_start_up()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        var list = await (await client.GetAsync("/api/definitions")).AssertJsonAsync(HttpStatusCode.OK);

        var intake = Assert.Single(list.EnumerateArray(), d => d.GetProperty("processId").GetString() == "ApiIntake");
        Assert.Equal("system", intake.GetProperty("deployedBy").GetString());
    }

    [Fact]
    public async Task An_unknown_version_answers_404()
    {
        using var client = factory.ClientAs(Roles.Designer);
        await (await client.GetAsync("/api/definitions/ApiIntake/versions/99/xml")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/definitions/NoSuchProcess/versions/1/xml")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.SocialWorker)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.DataManager)]
    public async Task Only_designers_and_admins_deploy(string role)
    {
        using var client = factory.ClientAs(role);
        var response = await client.PostAsync("/api/definitions", ApiFactory.Xml(await File.ReadAllTextAsync(ApiFactory.Fixture("two-processes.bpmn"))));
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_credentials_deploying_answers_401()
    {
        using var client = factory.Anonymous();
        var response = await client.PostAsync("/api/definitions", ApiFactory.Xml("<x/>"));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
