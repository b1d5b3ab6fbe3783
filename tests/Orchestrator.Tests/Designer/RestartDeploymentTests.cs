using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Designer;

/// <summary>
/// What a restart deploys (WorkflowDeployer): a file of <c>workflows/</c> only when its content was never deployed. A
/// version deployed in the designer survives restarts (the file on disk holds an older version's content), a form
/// changed in the designer too; a file changed on disk is deployed as a new version, as before.
/// </summary>
public sealed class RestartDeploymentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orchestrator-restart-" + Guid.NewGuid().ToString("N"));

    public RestartDeploymentTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows", "forms"));
        Directory.CreateDirectory(Path.Combine(_root, "workflows", "scenarios", "designer-noted"));
        File.Copy(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Designer", "Fixtures", "noted.bpmn"), NotedFile);
        File.Copy(Path.Combine(ApiFactory.RepositoryRoot, "workflows", "forms", "note.form"), NoteFormFile);
        File.WriteAllText(Path.Combine(_root, "workflows", "scenarios", "designer-noted", "waits.scenario.json"), """{"steps":[{"expect":{"active":["Task_Note"]}}]}""");
    }

    private string NotedFile => Path.Combine(_root, "workflows", "noted.bpmn");

    private string NoteFormFile => Path.Combine(_root, "workflows", "forms", "note.form");

    [Fact]
    public async Task A_restart_keeps_what_the_designer_deployed_and_deploys_a_file_only_when_its_content_is_new()
    {
        // First start: the file and its form and scenario are deployed.
        using (var first = new RestartingService(_root))
        using (var designer = first.ClientAs(Roles.Designer))
        {
            var version1 = await designer.GetJsonAsync("/api/designer/processes/designer-noted/versions/1");
            Assert.Equal(["waits"], version1.GetProperty("scenarios").EnumerateObject().Select(s => s.Name));
            Assert.Equal("Notes", version1.GetProperty("forms").GetProperty("note").GetProperty("components")[0].GetProperty("label").GetString());

            // A designer deploys version 2 with a changed form.
            var form = DesignerApi.Form("note");
            form["components"]![0]!["label"] = "Nota de la sesión";
            var xml = File.ReadAllText(NotedFile).Replace("Take a note", "Write the note of the visit", StringComparison.Ordinal);
            var deployed = await designer.PostJsonAsync("/api/designer/deploy", new { xml, forms = new JsonObject { ["note"] = form } }, HttpStatusCode.Created);
            Assert.Equal(2, deployed.GetProperty("processes")[0].GetProperty("version").GetInt32());
        }

        // A restart: the file still holds version 1's content, deployed before, so nothing is deployed; the designer's
        // version and form stay the newest.
        using (var second = new RestartingService(_root))
        using (var designer = second.ClientAs(Roles.Designer))
        {
            var v12 = await VersionsAsync(designer);
            Assert.Equal(new[] { 1, 2 }, v12);
            Assert.Equal("Nota de la sesión", (await designer.GetJsonAsync("/api/designer/forms/note")).GetProperty("components")[0].GetProperty("label").GetString());
            Assert.Contains("Write the note of the visit", (await designer.GetJsonAsync("/api/designer/processes/designer-noted/versions/2")).GetProperty("xml").GetString(), StringComparison.Ordinal);
        }

        // Someone changes the file (and the form file) on disk: new content, so the next start deploys it as version 3.
        File.WriteAllText(NotedFile, File.ReadAllText(NotedFile).Replace("Take a note", "Take a short note", StringComparison.Ordinal));
        File.WriteAllText(NoteFormFile, File.ReadAllText(NoteFormFile).Replace("\"Notes\"", "\"Short notes\"", StringComparison.Ordinal));
        using (var third = new RestartingService(_root))
        using (var designer = third.ClientAs(Roles.Designer))
        {
            var v123 = await VersionsAsync(designer);
            Assert.Equal(new[] { 1, 2, 3 }, v123);
            var version3 = await designer.GetJsonAsync("/api/designer/processes/designer-noted/versions/3");
            Assert.Equal("Short notes", version3.GetProperty("forms").GetProperty("note").GetProperty("components")[0].GetProperty("label").GetString());
            Assert.Equal(["waits"], version3.GetProperty("scenarios").EnumerateObject().Select(s => s.Name));
        }

        // And a restart after that changes nothing again.
        using (var fourth = new RestartingService(_root))
        using (var designer = fourth.ClientAs(Roles.Designer))
        {
            var v123 = await VersionsAsync(designer);
            Assert.Equal(new[] { 1, 2, 3 }, v123);
        }
    }

    private static async Task<int[]> VersionsAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("/api/definitions")).EnumerateArray()
            .Where(d => d.GetProperty("processId").GetString() == "designer-noted").Select(d => d.GetProperty("version").GetInt32())];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the system.
        }
    }

    /// <summary>The service on one database and one workflows folder that outlive it (a restart is a new one).</summary>
    private sealed class RestartingService(string root) : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["ConnectionStrings:Orchestrator"] = $"Data Source={Path.Combine(root, "orchestrator.db")}",
            ["Orchestrator:WorkflowsPath"] = Path.Combine(root, "workflows"),
        };
    }
}
