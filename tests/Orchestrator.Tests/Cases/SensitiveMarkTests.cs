using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Cases;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Forms;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// The sensitive marks where they are written (the case model's attribute, the forms' <c>sensitive</c> property), the
/// errors a bad mark gives, and the journeys' own forms: which fields carry a mark, and that no outside recipient's form
/// and no letter can show one.
/// </summary>
public sealed class SensitiveMarkTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Orc = "urn:orchestrator:bpmn:1.0";

    private static string Workflows => Path.Combine(ApiFactory.RepositoryRoot, "workflows");

    private static FormCatalog Forms(params string[] json) => new([.. json.Select((j, i) => FormSchema.Parse(j, $"form{i}.form"))]);

    private static string Field(string key, string? mark, string type = "textfield") =>
        $$"""{"type":"{{type}}","key":"{{key}}","id":"Field_{{key}}","label":"{{key}}"{{(mark is null ? "" : $$""","properties":{"sensitive":{{mark}}}""")}}}""";

    private static string Form(string id, params string[] fields) => $$"""{"id":"{{id}}","type":"default","schemaVersion":19,"components":[{{string.Join(",", fields)}}]}""";

    [Fact]
    public void The_case_models_marks_are_its_sensitive_properties_with_their_json_paths()
    {
        var child = SensitiveFieldCatalog.FieldsOf(typeof(ChildCase)).ToDictionary(f => f.Name, f => f.Category, StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["hivStatus"] = SensitiveCategories.SexualHealth,
            ["sexualExploitationHistory"] = SensitiveCategories.SexualExploitation,
            ["flags.traffickingVictim"] = SensitiveCategories.Trafficking,
        }, child);
        Assert.Equal(["admittedCaseId", "admittedCaseReference"], SensitiveFieldCatalog.FieldsOf(typeof(OpenDoorRecord)).Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(SensitiveFieldCatalog.FieldsOf(typeof(OpenDoorRecord)), f => Assert.Equal(SensitiveCategories.CaseLink, f.Category));
    }

    [Fact]
    public void A_form_mark_marks_the_variable_at_its_binding_path_and_case_model_names_mark_variables_too()
    {
        var group = """{"type":"group","id":"Group_luna","label":"Luna","path":"luna","components":[""" + Field("hiv", "\"sexual-health\"") + "]}";
        var catalog = new SensitiveFieldCatalog([Forms(Form("a", Field("notes", null), group))]);

        var fields = catalog.VariableFields().ToDictionary(f => f.Name, f => f, StringComparer.Ordinal);

        Assert.Equal(SensitiveCategories.SexualHealth, fields["luna.hiv"].Category);
        Assert.Equal("form0.form: Field_hiv", fields["luna.hiv"].Source);
        Assert.False(fields.ContainsKey("notes"));
        Assert.Equal(SensitiveCategories.Trafficking, fields["traffickingVictim"].Category); // from the case model
        Assert.Equal(SensitiveCategories.CaseLink, fields["admittedCaseReference"].Category);
    }

    [Fact]
    public void A_mark_that_names_no_category_or_a_variable_with_two_categories_is_an_error_naming_form_and_field()
    {
        var unknown = new SensitiveFieldCatalog([Forms(Form("a", Field("hiv", "\"secret\"")))]);
        var e = Assert.Throws<InvalidOperationException>(unknown.VariableFields);
        Assert.Contains("form0.form: Field_hiv", e.Message, StringComparison.Ordinal);
        Assert.Contains("'\"secret\"' is not one of sexual-health", e.Message, StringComparison.Ordinal);

        var twice = new SensitiveFieldCatalog([Forms(Form("a", Field("history", "\"trafficking\"")), Form("b", Field("history", "\"sexual-exploitation\"")))]);
        e = Assert.Throws<InvalidOperationException>(twice.VariableFields);
        Assert.Contains("'history' is marked", e.Message, StringComparison.Ordinal);

        // A form that marks a case-model name with another category than the model's is caught the same way.
        var clash = new SensitiveFieldCatalog([Forms(Form("a", Field("hivStatus", "\"trafficking\"")))]);
        Assert.Contains("hivStatus", Assert.Throws<InvalidOperationException>(clash.VariableFields).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guard_replaces_each_marked_value_at_its_path_even_inside_list_items()
    {
        var list = """{"type":"dynamiclist","id":"List_visits","label":"Visits","path":"visits","isRepeating":true,"components":[""" + Field("finding", "\"sexual-health\"") + "," + Field("when", null) + "]}";
        var catalog = new SensitiveFieldCatalog([Forms(Form("a", list))]);
        var variables = JsonNode.Parse("""{"visits":[{"finding":"A","when":"x"},{"finding":null,"when":"y"}],"hivStatus":"negative"}""")!.AsObject();
        var guard = new SensitiveDataGuard(catalog, Microsoft.Extensions.Options.Options.Create(new CasesOptions()), null!, TimeProvider.System);
        var coordinator = new Orchestrator.Workflows.Actor("c", "c", new HashSet<string>(StringComparer.Ordinal) { Orchestrator.Security.Roles.Coordinator });
        var luna = new Orchestrator.Workflows.Actor("l", "l", new HashSet<string>(StringComparer.Ordinal) { Orchestrator.Security.Roles.LunaTeam });

        var hidden = guard.RedactVariables(variables, coordinator, out var shownToCoordinator);
        var seen = guard.RedactVariables(variables, luna, out var shownToLuna);

        Assert.True(SensitiveMarker.IsMarker(hidden["visits"]![0]!["finding"]));
        Assert.True(SensitiveMarker.IsMarker(hidden["visits"]![1]!["finding"])); // a null is restricted too: nothing can be told from it
        Assert.Equal("y", hidden["visits"]![1]!["when"]!.GetValue<string>());
        Assert.True(SensitiveMarker.IsMarker(hidden["hivStatus"]));
        Assert.Empty(shownToCoordinator);
        Assert.Equal("A", seen["visits"]![0]!["finding"]!.GetValue<string>());
        Assert.Equal(["hivStatus", "visits.finding"], shownToLuna);
        Assert.Equal("A", variables["visits"]![0]!["finding"]!.GetValue<string>()); // the input is not changed
        Assert.Equal(["negative"], guard.HiddenValues(variables, coordinator).Order(StringComparer.Ordinal));
        Assert.Equal("status: [restricted]", SensitiveDataGuard.Scrub("status: negative", ["negative"]));
    }

    [Fact]
    public void The_journeys_forms_mark_what_the_issue_names_and_no_outside_recipient_or_letter_can_show_a_mark()
    {
        var catalog = FormCatalog.Load(Path.Combine(Workflows, "forms"));
        var problems = new List<string>();
        var marked = SensitiveFieldCatalog.FormFields(catalog, problems);
        Assert.Empty(problems);
        var byField = marked.ToDictionary(f => f.Source, f => f.Category, StringComparer.Ordinal);
        Assert.Equal(SensitiveCategories.Trafficking, byField[Path.Combine(Workflows, "forms", "referral.form") + ": Field_traffickingVictim"]);
        Assert.Equal(SensitiveCategories.SexualHealth, byField[Path.Combine(Workflows, "forms", "luna-assessment.form") + ": Field_hivStatus"]);
        Assert.Equal(SensitiveCategories.SexualExploitation, byField[Path.Combine(Workflows, "forms", "luna-assessment.form") + ": Field_sexualExploitationHistory"]);
        Assert.Equal(SensitiveCategories.CaseLink, byField[Path.Combine(Workflows, "forms", "residential-admission.form") + ": Field_givenNames"]);
        var names = new SensitiveFieldCatalog([catalog]).VariableFields().Select(f => f.Path[0]).ToHashSet(StringComparer.Ordinal);

        // An outside recipient (a consulate, a family) acts on one task through a link and sees its form's data: no
        // such form may hold a marked field. A letter prints what its template names: none may name a marked variable.
        foreach (var file in Directory.GetFiles(Workflows, "*.bpmn"))
        {
            foreach (var task in XDocument.Load(file).Descendants(Bpmn + "userTask").Where(t => t.Attribute(Orc + "externalRecipient") is not null))
            {
                var formKey = (string?)task.Attribute(Orc + "formKey");
                Assert.DoesNotContain(marked, f => formKey is not null && catalog.TryGetSchema(formKey, out var schema) && f.Source.StartsWith(schema.Source + ":", StringComparison.Ordinal));
            }
        }

        foreach (var template in Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "templates"), "*", SearchOption.AllDirectories))
        {
            var words = Regex.Matches(File.ReadAllText(template), @"[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            Assert.False(words.Overlaps(names), $"{template} names a sensitive variable: {string.Join(", ", words.Intersect(names))}");
        }
    }
}
