using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Designer;

/// <summary>
/// The designer's writes on PostgreSQL (the tests beside run on SQLite): a deploy with a changed form in one transaction
/// with the core's, an open task checked with its version's form, a rollback, a draft's optimistic concurrency.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class DesignerPostgresTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreatePostgresAsync(server, nameof(DesignerPostgresTests));

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Deploys_with_forms_rollback_and_draft_conflicts_work_on_PostgreSQL()
    {
        using var service = new PostgresService(_database!.ConnectionString);
        using var designer = service.ClientAs(Roles.Designer);
        using var coordinator = service.ClientAs(Roles.Coordinator);
        var xml = await File.ReadAllTextAsync(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Designer", "Fixtures", "noted.bpmn"));

        // This service's start-up folder has no note form: the first deploy brings it.
        await designer.PostJsonAsync("/api/designer/deploy", new { xml, forms = new JsonObject { ["note"] = DesignerApi.Form("note") } }, HttpStatusCode.Created);
        var instance = (await coordinator.PostJsonAsync("/api/processes/designer-noted/instances", new { variables = new { } }, HttpStatusCode.Created)).GetProperty("id").GetString();
        var task = (await coordinator.GetJsonAsync($"/api/tasks?instanceId={instance}")).EnumerateArray().Single().GetProperty("id").GetString();

        var form = DesignerApi.Form("note");
        form["components"]!.AsArray().Add(new JsonObject { ["label"] = "Next step", ["type"] = "textfield", ["key"] = "nextStep", ["id"] = "Field_nextStep", ["validate"] = new JsonObject { ["required"] = true } });
        var second = await designer.PostJsonAsync("/api/designer/deploy", new { xml, forms = new JsonObject { ["note"] = form } }, HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("processes")[0].GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { notes = "Done." } })).StatusCode);

        var third = await designer.PostJsonAsync("/api/designer/processes/designer-noted/versions/1/redeploy", new { }, HttpStatusCode.Created);
        Assert.Equal(3, third.GetProperty("processes")[0].GetProperty("version").GetInt32());
        Assert.Single((await designer.GetJsonAsync("/api/definitions/designer-noted/versions/3/forms/note")).GetProperty("components").EnumerateArray());

        await designer.PutJsonAsync("/api/designer/drafts/designer-noted", new { xml, revision = 0 }, HttpStatusCode.OK);
        await designer.PutJsonAsync("/api/designer/drafts/designer-noted", new { xml, revision = 1 }, HttpStatusCode.OK);
        await designer.PutJsonAsync("/api/designer/drafts/designer-noted", new { xml, revision = 1 }, HttpStatusCode.Conflict);
    }

    private sealed class PostgresService(string connectionString) : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Orchestrator"] = connectionString,
        };
    }
}
