using System.Xml.Linq;
using Orchestrator.Tests.Api;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Notifications;

/// <summary>
/// The names people read of journeys and tasks (<see cref="JourneyNames"/>, <c>workflows/translations/</c>): none is
/// missing for any user task or journey in any language, none names an element that is not there, and a name falls
/// back to the name as drawn.
/// </summary>
public sealed class JourneyNamesTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly string WorkflowsDirectory = Path.Combine(ApiFactory.RepositoryRoot, "workflows");

    [Fact]
    public void Every_journey_and_user_task_has_its_name_in_spanish_and_english_and_no_name_is_left_over()
    {
        var names = JourneyNames.Load(WorkflowsDirectory, null, "es");
        Assert.Equal(["en", "es"], names.Languages);
        var problems = new List<string>();
        var processes = Directory.GetFiles(WorkflowsDirectory, "*.bpmn").SelectMany(f => XDocument.Load(f).Descendants(Bpmn + "process")).ToList();
        Assert.True(processes.Count >= 4, $"only {processes.Count} journeys found");
        foreach (var process in processes)
        {
            var id = (string)process.Attribute("id")!;
            var tasks = process.Descendants(Bpmn + "userTask").Select(t => (string)t.Attribute("id")!).ToList();
            foreach (var language in new[] { "es", "en" })
            {
                if (names.Translation(id, null, language) is null)
                {
                    problems.Add($"workflows/translations/{id}.{language}.json: no \"journey\" name");
                }

                problems.AddRange(tasks.Where(t => names.Translation(id, t, language) is null)
                    .Select(t => $"workflows/translations/{id}.{language}.json: no name for user task {t}"));
            }
        }

        // A translation of an element that is no user task of its journey (renamed, removed) is a mistake too.
        foreach (var file in Directory.GetFiles(Path.Combine(WorkflowsDirectory, JourneyNames.Folder), "*.json"))
        {
            var processId = Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(file));
            var process = processes.SingleOrDefault(p => (string?)p.Attribute("id") == processId);
            if (process is null)
            {
                problems.Add($"{Path.GetFileName(file)}: there is no journey '{processId}'");
                continue;
            }

            var tasks = process.Descendants(Bpmn + "userTask").Select(t => (string)t.Attribute("id")!).ToHashSet(StringComparer.Ordinal);
            var listed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!["tasks"]!.AsObject().Select(t => t.Key);
            problems.AddRange(listed.Where(t => !tasks.Contains(t)).Select(t => $"{Path.GetFileName(file)}: '{t}' is no user task of {processId}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_name_is_given_in_the_readers_language_else_as_drawn_else_by_its_id()
    {
        var names = JourneyNames.Load(WorkflowsDirectory, null, "es");

        Assert.Equal("Aprobación consular del retorno", names.TaskName("assisted-voluntary-return", "Task_ConsulateApproval", "es-MX"));
        Assert.Equal("Consulate approval of the return", names.TaskName("assisted-voluntary-return", "Task_ConsulateApproval", "en"));
        Assert.Equal("Aprobación consular del retorno", names.TaskName("assisted-voluntary-return", "Task_ConsulateApproval", null)); // the default language
        Assert.Equal("Retorno voluntario asistido", names.JourneyName("assisted-voluntary-return", "es"));
        Assert.Equal("As drawn", names.TaskName("assisted-voluntary-return", "Task_ConsulateApproval", "fr", "As drawn"));
        Assert.Equal("Task_New", names.TaskName("assisted-voluntary-return", "Task_New", "es"));
        Assert.Equal("some-journey", names.JourneyName("some-journey", "es"));
    }

    [Fact]
    public void A_translation_file_that_is_not_a_translation_stops_the_load_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-names-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, JourneyNames.Folder)).FullName;
            File.WriteAllText(Path.Combine(folder, "child-journey.es.json"), """{ "journey": "Trayectoria", "tasks": { "Task_Referral": 3 } }""");
            var wrongValue = Assert.Throws<InvalidOperationException>(() => JourneyNames.Load(directory.FullName, null, "es"));
            Assert.Contains("child-journey.es.json: tasks.Task_Referral", wrongValue.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "child-journey.es.json"), "{ not json");
            Assert.Contains("child-journey.es.json: not valid JSON", Assert.Throws<InvalidOperationException>(() => JourneyNames.Load(directory.FullName, null, "es")).Message, StringComparison.Ordinal);

            File.Delete(Path.Combine(folder, "child-journey.es.json"));
            File.WriteAllText(Path.Combine(folder, "child-journey.json"), "{}");
            Assert.Contains("{processId}.{language}.json", Assert.Throws<InvalidOperationException>(() => JourneyNames.Load(directory.FullName, null, "es")).Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
