using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Designer;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Designer;

/// <summary>
/// Deploying from the designer: the process with its forms and scenarios in one step, audited; a changed form makes a
/// new process version while an open task keeps (is shown and checked with) the form of its own version; rolling back
/// deploys an older version with its forms as the newest; what blocks a deploy is said and nothing is saved.
/// </summary>
public sealed class DesignerDeployTests : IDisposable
{
    private readonly Web.WorkspaceFactory _service = new();

    private static string NotedXml => File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Designer", "Fixtures", "noted.bpmn"));

    /// <summary>The note form with its field relabelled and a second field that is required.</summary>
    private static JsonObject NoteWithFollowUp()
    {
        var form = DesignerApi.Form("note");
        var components = form["components"]!.AsArray();
        components[0]!["label"] = "Nota de la sesión";
        components.Add(new JsonObject { ["label"] = "Next step", ["type"] = "textfield", ["key"] = "nextStep", ["id"] = "Field_nextStep", ["validate"] = new JsonObject { ["required"] = true } });
        return form;
    }

    [Fact]
    public async Task A_changed_form_deploys_a_new_version_and_a_task_already_open_keeps_the_form_of_its_version()
    {
        using var designer = _service.Client(Roles.Designer);
        using var coordinator = _service.Client(Roles.Coordinator);
        var first = await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml }, HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("processes")[0].GetProperty("version").GetInt32());
        Assert.Equal(1, first.GetProperty("forms").GetProperty("note").GetInt32());

        var openBefore = await StartAndOpenTaskAsync(coordinator);

        // What the deploy dialog is told: the instance running on version 1 waits at the task about to change.
        var preview = await designer.PostJsonAsync("/api/designer/deploy/preview", new { processId = "designer-noted", elementIds = new[] { "Task_Note", "End_Noted" } }, HttpStatusCode.OK);
        Assert.Equal(1, preview.GetProperty("deployedVersion").GetInt32());
        Assert.Equal(1, preview.GetProperty("waitingInstances").GetInt32());
        var waiting = Assert.Single(preview.GetProperty("waiting").EnumerateArray());
        Assert.Equal("Task_Note", waiting.GetProperty("elementId").GetString());
        Assert.Equal(1, waiting.GetProperty("count").GetInt32());
        Assert.Equal(1, Assert.Single(preview.GetProperty("running").EnumerateArray()).GetProperty("count").GetInt32());

        // Only the form changes: the diagram is the same, yet it is a new version, because the form belongs to it.
        var second = await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, forms = new JsonObject { ["note"] = NoteWithFollowUp() } }, HttpStatusCode.Created);
        var deployed = second.GetProperty("processes")[0];
        Assert.Equal(2, deployed.GetProperty("version").GetInt32());
        Assert.True(deployed.GetProperty("created").GetBoolean());
        Assert.Equal(2, second.GetProperty("forms").GetProperty("note").GetInt32());

        // Each version shows its own form.
        Assert.Equal("Notes", (await designer.GetJsonAsync("/api/definitions/designer-noted/versions/1/forms/note")).GetProperty("components")[0].GetProperty("label").GetString());
        Assert.Equal("Nota de la sesión", (await designer.GetJsonAsync("/api/definitions/designer-noted/versions/2/forms/note")).GetProperty("components")[0].GetProperty("label").GetString());

        // The task opened before is completed with the form it was shown (no nextStep); a new one needs the new field.
        var openAfter = await StartAndOpenTaskAsync(coordinator);
        var refused = await coordinator.PostJsonAsync($"/api/tasks/{openAfter}/complete", new { variables = new { notes = "Met the family." } }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(refused.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "nextStep");
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/tasks/{openBefore}/complete", new { variables = new { notes = "Met the family." } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/tasks/{openAfter}/complete", new { variables = new { notes = "Met the family.", nextStep = "Visit" } })).StatusCode);

        // Who deployed what is in the audit trail.
        await using var scope = _service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var audit = await db.History.Where(h => h.Type == DesignerDeployment.AuditType).OrderBy(h => h.Sequence).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("apikey:designer-bot", a.UserId));
        var detail = JsonNode.Parse(audit[1].Detail!)!;
        Assert.Equal(2, (int)detail["version"]!);
        Assert.Equal(2, (int)detail["forms"]!["note"]!);

        // Nothing changed: nothing deployed.
        var again = await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, forms = new JsonObject { ["note"] = NoteWithFollowUp() } }, HttpStatusCode.Created);
        Assert.False(again.GetProperty("processes")[0].GetProperty("created").GetBoolean());
        Assert.Equal(2, again.GetProperty("processes")[0].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rolling_back_deploys_an_older_version_with_its_forms_and_scenarios_as_the_newest()
    {
        using var designer = _service.Client(Roles.Designer);
        var scenario = new JsonObject { ["noted-waits"] = JsonNode.Parse("""{"steps":[{"expect":{"active":["Task_Note"]}}]}""") };
        await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, scenarios = scenario }, HttpStatusCode.Created);
        var changed = NotedXml.Replace("Take a note", "Write the note", StringComparison.Ordinal);
        await designer.PostJsonAsync("/api/designer/deploy", new { xml = changed, forms = new JsonObject { ["note"] = NoteWithFollowUp() } }, HttpStatusCode.Created);

        var rolledBack = await designer.PostJsonAsync("/api/designer/processes/designer-noted/versions/1/redeploy", new { }, HttpStatusCode.Created);
        Assert.Equal(3, rolledBack.GetProperty("processes")[0].GetProperty("version").GetInt32());
        var third = await designer.GetJsonAsync("/api/designer/processes/designer-noted/versions/3");
        Assert.Equal(NotedXml, third.GetProperty("xml").GetString());
        Assert.Equal("Notes", third.GetProperty("forms").GetProperty("note").GetProperty("components")[0].GetProperty("label").GetString());
        Assert.Equal(["noted-waits"], third.GetProperty("scenarios").EnumerateObject().Select(s => s.Name));

        // The newest form is the rolled-back one again (a new form version with the old content).
        Assert.Equal("Notes", (await designer.GetJsonAsync("/api/designer/forms/note")).GetProperty("components")[0].GetProperty("label").GetString());
        var list = await designer.GetJsonAsync("/api/definitions");
        Assert.Equal([1, 2, 3], list.EnumerateArray().Where(d => d.GetProperty("processId").GetString() == "designer-noted").Select(d => d.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_deploy_with_a_broken_form_a_failing_scenario_or_a_validation_error_is_refused_with_every_problem_and_saves_nothing()
    {
        using var designer = _service.Client(Roles.Designer);
        var brokenForm = DesignerApi.Form("note");
        brokenForm["components"]!.AsArray().Add(new JsonObject { ["type"] = "filepicker", ["key"] = "upload", ["id"] = "Field_upload", ["label"] = "Upload" });
        var failing = new JsonObject { ["ends-at-once"] = JsonNode.Parse("""{"steps":[{"expect":{"ended":true}}]}""") };
        var problem = await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, forms = new JsonObject { ["note"] = brokenForm }, scenarios = failing }, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("elementId").GetString() == "form:note" && e.GetProperty("code").GetString() == "invalid-form");

        // The scenarios run once the rest is right.
        problem = await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, scenarios = failing }, HttpStatusCode.UnprocessableEntity);
        var scenarioError = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("scenario:ends-at-once", scenarioError.GetProperty("elementId").GetString());
        Assert.Contains("expected the instance to have ended", scenarioError.GetProperty("message").GetString(), StringComparison.Ordinal);

        var invalid = NotedXml.Replace(" orc:formKey=\"note\"", " orc:formKey=\"note\" orc:dueDate=\"=now( +\"", StringComparison.Ordinal);
        problem = await designer.PostJsonAsync("/api/designer/deploy", new { xml = invalid }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("elementId").GetString() == "Task_Note");

        var list = await designer.GetJsonAsync("/api/definitions");
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("processId").GetString() == "designer-noted");
        Assert.Equal(1, (await designer.GetJsonAsync("/api/designer/forms")).EnumerateArray().Single(f => f.GetProperty("key").GetString() == "note").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_deploy_from_a_draft_someone_saved_since_is_a_conflict_and_a_deploy_discards_the_draft()
    {
        using var designer = _service.Client(Roles.Designer);
        using var admin = _service.Client(Roles.Admin);
        await designer.PutJsonAsync("/api/designer/drafts/designer-noted", new { xml = NotedXml, revision = 0 }, HttpStatusCode.OK);
        await admin.PutJsonAsync("/api/designer/drafts/designer-noted", new { xml = NotedXml, revision = 1 }, HttpStatusCode.OK);

        var conflict = await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, draftProcessId = "designer-noted", draftRevision = 1 }, HttpStatusCode.Conflict);
        Assert.Equal(2, conflict.GetProperty("current").GetProperty("revision").GetInt32());
        Assert.DoesNotContain((await designer.GetJsonAsync("/api/definitions")).EnumerateArray(), d => d.GetProperty("processId").GetString() == "designer-noted");

        await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, draftProcessId = "designer-noted", draftRevision = 2 }, HttpStatusCode.Created);
        await designer.GetJsonAsync("/api/designer/drafts/designer-noted", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_API_deploy_records_the_forms_a_version_names_and_keeps_the_previous_versions_scenarios()
    {
        using var designer = _service.Client(Roles.Designer);
        var scenario = new JsonObject { ["noted-waits"] = JsonNode.Parse("""{"steps":[{"expect":{"active":["Task_Note"]}}]}""") };
        await designer.PostJsonAsync("/api/designer/deploy", new { xml = NotedXml, scenarios = scenario }, HttpStatusCode.Created);
        var response = await designer.PostAsync("/api/definitions?name=noted.bpmn", ApiFactory.Xml(NotedXml.Replace("Take a note", "Take the note", StringComparison.Ordinal)));
        Assert.Equal(2, (await response.AssertJsonAsync(HttpStatusCode.Created)).GetProperty("version").GetInt32());
        var second = await designer.GetJsonAsync("/api/designer/processes/designer-noted/versions/2");
        Assert.Equal("Notes", second.GetProperty("forms").GetProperty("note").GetProperty("components")[0].GetProperty("label").GetString());
        Assert.Equal(["noted-waits"], second.GetProperty("scenarios").EnumerateObject().Select(s => s.Name));
    }

    private static async Task<string> StartAndOpenTaskAsync(HttpClient coordinator)
    {
        var started = await coordinator.PostJsonAsync("/api/processes/designer-noted/instances", new { variables = new { } }, HttpStatusCode.Created);
        var instance = started.GetProperty("id").GetString();
        var tasks = await coordinator.GetJsonAsync($"/api/tasks?instanceId={instance}");
        return tasks.EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    public void Dispose() => _service.Dispose();
}
