using System.Text.Json.Nodes;
using System.Xml.Linq;
using Orchestrator.Cli;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;
using Orchestrator.Forms;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Letters;
using Orchestrator.Notifications.Templates;
using Orchestrator.Tests.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Journeys;

/// <summary>
/// The care journeys in <c>workflows/</c>, proved by their scenarios (<c>workflows/scenarios/&lt;journey&gt;/*.scenario.json</c>) run
/// through the <c>simulate</c> command's own code, plus the checks a deployment relies on: the files validate, every
/// element is drawn, every form key and email template they name exists.
/// </summary>
public sealed class JourneyScenarioTests(ITestOutputHelper output)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Orc = "urn:orchestrator:bpmn:1.0";

    /// <summary>Called journeys are deployed beside their callers, as the service deploys the whole folder.</summary>
    private static readonly string[] JourneyIds =
    [
        "child-journey", "assisted-voluntary-return", "foster-family-certification", "transition-to-independence",
        "open-door", "residential-care", "programme-enrolment",
    ];

    private static string WorkflowsDirectory => Path.Combine(ApiFactory.RepositoryRoot, "workflows");

    // Beside the journeys (workflows/scenarios/PROCESS/): the service deploys them with each version, and the designer runs them.
    private static string ScenariosDirectory => Path.Combine(WorkflowsDirectory, "scenarios");

    private static IEnumerable<string> JourneyFiles => JourneyIds.Select(id => Path.Combine(WorkflowsDirectory, id + ".bpmn"));

    /// <summary>Every scenario file, as <c>journey/name.scenario.json</c>.</summary>
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ScenariosDirectory, "*.scenario.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ScenariosDirectory, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_holds_when_simulated(string scenario)
    {
        string[] args = [.. JourneyFiles, "--scenario", Path.Combine(ScenariosDirectory, scenario)];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await SimulateCommand.RunAsync(args, stdout, stderr, CancellationToken.None);

        Assert.True(exitCode == 0, $"{scenario}: simulate exited {exitCode}:{Environment.NewLine}{stderr}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_submits_only_what_the_task_forms_accept(string scenario)
    {
        // A scenario that completes a task with data its form would refuse proves a path no user can take.
        var catalog = FormCatalog.Load(Path.Combine(WorkflowsDirectory, "forms"));
        var formKeys = JourneyFiles.SelectMany(f => XDocument.Load(f).Descendants(Bpmn + "userTask"))
            .ToDictionary(t => (string)t.Attribute("id")!, t => (string?)t.Attribute(Orc + "formKey"), StringComparer.Ordinal);
        var steps = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenariosDirectory, scenario)))!["steps"]!.AsArray();
        var problems = new List<string>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i]?["complete"]?.GetValue<string>() is not { } elementId)
            {
                continue;
            }

            if (!formKeys.TryGetValue(elementId, out var formKey) || formKey is null)
            {
                problems.Add($"step {i + 1}: {elementId} is not a user task with a form");
                continue;
            }

            var data = (JsonObject)(steps[i]!["variables"]?.DeepClone() ?? new JsonObject());
            Assert.True(catalog.TryValidate(formKey, data, out var errors), $"{scenario}: step {i + 1}: form '{formKey}' is not in workflows/forms");
            problems.AddRange(errors.Select(e => $"step {i + 1}: {elementId} ({formKey}): {e.Field}: {e.Message}"));
        }

        Assert.True(problems.Count == 0, $"{scenario}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Each_journey_has_its_scenarios_and_the_required_deadline_proofs()
    {
        foreach (var journey in JourneyIds)
        {
            var dir = Path.Combine(ScenariosDirectory, journey);
            Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir, "*.scenario.json").Length >= 3, $"{journey}: fewer than three scenarios in {dir}");
        }

        // The proofs the journeys were asked for, by name, so that deleting one is a failing test rather than a silent gap.
        string[] required =
        [
            "child-journey/reception-45-day-escalation", "child-journey/referral-escalation-24h", "child-journey/long-term-facility-full",
            "child-journey/referral-facility-full", "child-journey/child-left-the-shelter", "child-journey/voluntary-return-declined-goes-to-long-term-care",
            "assisted-voluntary-return/pending-asylum-claim-blocks-the-consulate", "assisted-voluntary-return/ppnna-yes-consulate-no-declined",
            "assisted-voluntary-return/both-approve-return", "foster-family-certification/dropped-out-at-step-2-declines",
            "foster-family-certification/rejected-at-evaluation", "transition-to-independence/support-ends-at-21",
            "foster-family-certification/certificate-letter-failure-is-an-incident", "transition-to-independence/called-leaves-closing-the-case-to-the-caller",

            // The open door: a child who leaves pre-community twice and comes back, one who moves on to the residence,
            // reintegration's follow-up on the coordinator's schedule, and a missing consent as a pending task.
            "open-door/leaves-twice-and-comes-back", "open-door/moves-on-to-the-residence-after-a-second-review",
            "residential-care/reintegration-follow-up-on-the-coordinators-schedule", "programme-enrolment/consent-missing-is-a-pending-task",
        ];
        foreach (var name in required)
        {
            Assert.True(File.Exists(Path.Combine(ScenariosDirectory, name + ".scenario.json")), $"missing scenario {name}.scenario.json");
        }
    }

    [Fact]
    public void Every_workflow_validates_without_errors_or_warnings_and_is_fully_drawn()
    {
        var files = Directory.GetFiles(WorkflowsDirectory, "*.bpmn").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(JourneyIds.Select(id => id + ".bpmn").Order(StringComparer.Ordinal), files.Select(Path.GetFileName));

        // Warnings too: `validate workflows/*.bpmn` is meant to print nothing but its summary for the shipped journeys.
        var problems = ValidationReport.ValidateFiles(files, new FeelEngine());
        foreach (var problem in problems)
        {
            output.WriteLine(ValidationReport.FormatLine(problem));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Select(ValidationReport.FormatLine)));

        foreach (var file in files)
        {
            var doc = XDocument.Load(file);
            var drawn = doc.Descendants(BpmnDi + "BPMNShape").Concat(doc.Descendants(BpmnDi + "BPMNEdge"))
                .Select(d => (string)d.Attribute("bpmnElement")!).ToList();
            Assert.True(drawn.Count == drawn.Distinct(StringComparer.Ordinal).Count(), $"{file}: an element is drawn twice");
            var process = doc.Descendants(Bpmn + "process").Single();
            var undrawn = process.Descendants()
                .Where(e => e.Name.Namespace == Bpmn && e.Attribute("id") is not null && e.Parent?.Name.LocalName is "process" or "subProcess")
                .Select(e => (string)e.Attribute("id")!)
                .Except(drawn, StringComparer.Ordinal)
                .ToList();
            Assert.True(undrawn.Count == 0, $"{Path.GetFileName(file)}: no diagram shape or edge for {string.Join(", ", undrawn)}");
        }
    }

    [Fact]
    public void The_letters_the_journeys_print_name_only_reviewed_values_and_nothing_about_a_child()
    {
        // A letter sees every variable of its instance, and a family's instance holds a placed child's life plan and
        // opinion after a placement (a certificate renewal prints after that). What a letter prints is what its template
        // names, so the names are held to this reviewed list: the letterhead's values and the family's reference,
        // certificate, validity and assessment reasons. Adding a name fails here until it is reviewed. The names are read
        // from the compiled templates; the loader refuses whatever would reach around them (this, with, import, Scriban's
        // built-ins), and the layouts may name only LetterTemplates.LayoutNames.
        string[] layout = ["organisationName", "organisationAddress", "organisationLogo", "caseReference", "letterDate", "place", "signatory", "title", "templateKey", "language", "body"];
        string[] family = ["reference", "familyName", "certificateNumber", "validUntil", "reasons"];
        Assert.Equal(layout.Order(StringComparer.Ordinal), LetterTemplates.LayoutNames.Order(StringComparer.Ordinal));
        var keys = JourneyFiles.SelectMany(f => XDocument.Load(f).Descendants(Bpmn + "serviceTask"))
            .Where(t => (string?)t.Attribute(Orc + "type") == "letter")
            .Select(t => (string?)t.Descendants(Orc + "input").FirstOrDefault(i => (string?)i.Attribute("target") == "template")?.Attribute("source"))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["certificate-of-aptitude", "family-dropped-out", "family-rejected"], keys);

        var letters = LoadLetters(Path.Combine(ApiFactory.RepositoryRoot, "templates"));
        var problems = new List<string>();
        foreach (var key in keys)
        {
            foreach (var language in new[] { "es", "en" })
            {
                problems.AddRange(letters.NamesRead(key, language).Except([.. layout, .. family], StringComparer.Ordinal)
                    .Select(n => $"templates/letters/{key}.{language}{TemplateCatalog.Extension}: '{n}' is not a reviewed letter value"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // The check itself: a letter that names the child is seen, and one that reaches around the names is refused.
        Assert.Contains("childName", LetterWith("<p>{{ childName }}</p>{{ if validUntil }}{{ date validUntil }}{{ end }}").NamesRead("probe", "es"));
        Assert.All(new[] { "{{ this.childName }}", "{{ this }}", "{{ with this }}{{ childName }}{{ end }}", "{{ import this }}", "{{ object.keys this }}", "{{ include \"x\" }}" },
            t => Assert.Contains("probe.es.scriban-html(1,", Assert.Throws<TemplateException>(() => LetterWith(t)).Message, StringComparison.Ordinal));
    }

    private static LetterTemplates LoadLetters(string directory) =>
        LetterTemplates.Load(directory, TemplateCatalog.Load(null, new OrganisationOptions(), null, NullLogger<TemplateCatalog>.Instance), new LetterOptions(), null, NullLogger<LetterTemplates>.Instance);

    /// <summary>The letters of a folder holding the repository's layouts and one letter, <c>probe</c>, with <paramref name="body"/>.</summary>
    private static LetterTemplates LetterWith(string body)
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-letters-");
        try
        {
            var letters = Directory.CreateDirectory(Path.Combine(directory.FullName, "letters")).FullName;
            foreach (var layout in Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "templates", "letters"), "_layout.*"))
            {
                File.Copy(layout, Path.Combine(letters, Path.GetFileName(layout)));
            }

            File.WriteAllText(Path.Combine(letters, "probe.es" + TemplateCatalog.Extension), body);
            return LoadLetters(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_form_key_and_template_a_journey_names_exists()
    {
        var catalog = FormCatalog.Load(Path.Combine(WorkflowsDirectory, "forms"));
        var templatesDirectory = Path.Combine(ApiFactory.RepositoryRoot, "templates");
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(WorkflowsDirectory, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var doc = XDocument.Load(file);
            foreach (var task in doc.Descendants(Bpmn + "userTask"))
            {
                var formKey = (string?)task.Attribute(Orc + "formKey");
                if (formKey is null || !catalog.TryGetSchema(formKey, out _))
                {
                    problems.Add($"{name}: {(string?)task.Attribute("id")}: form '{formKey}' is not in workflows/forms");
                }
            }

            // Send tasks name an email template; letter service tasks take a letter template as their 'template' input.
            // Each must exist in both languages: a missing one is only found when the step runs, as an incident.
            var templates = doc.Descendants(Bpmn + "sendTask").Select(t => ("email", (string?)t.Attribute("id"), (string?)t.Attribute(Orc + "template")))
                .Concat(doc.Descendants(Bpmn + "serviceTask").Where(t => (string?)t.Attribute(Orc + "type") == "letter")
                    .Select(t => ("letters", (string?)t.Attribute("id"), (string?)t.Descendants(Orc + "input").FirstOrDefault(i => (string?)i.Attribute("target") == "template")?.Attribute("source"))));
            foreach (var (folder, id, key) in templates)
            {
                if (key is null || key.StartsWith('='))
                {
                    problems.Add($"{name}: {id}: the template must be a fixed key, was '{key}'");
                    continue;
                }

                var missing = new[] { "es", "en" }.Where(language => !File.Exists(Path.Combine(templatesDirectory, folder, $"{key}.{language}{TemplateCatalog.Extension}"))).ToList();
                if (missing.Count > 0)
                {
                    problems.Add($"{name}: {id}: template '{key}' has no templates/{folder}/{key}.{{{string.Join(",", missing)}}}{TemplateCatalog.Extension}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
