using System.Text.Json.Nodes;
using Orchestrator.Feel;
using Orchestrator.Forms;
using static Orchestrator.Tests.Forms.FormTestSupport;

namespace Orchestrator.Tests.Forms;

public sealed class FormCatalogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "orchestrator-forms-" + Guid.NewGuid().ToString("N"));

    public FormCatalogTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loads_every_form_of_a_directory_by_id_and_file_name()
    {
        var catalog = FormCatalog.Load(SchemasDirectory);

        Assert.Contains("consulate-decision", catalog.Keys);
        Assert.Contains("placement-review", catalog.Keys);
        Assert.True(catalog.TryGetSchema("consulate-decision", out var schema));
        Assert.Equal("consulate-decision", schema.Id);
    }

    [Fact]
    public void A_form_is_found_by_its_file_name_when_its_id_differs()
    {
        File.WriteAllText(Path.Combine(_dir, "intake.form"), FormJson("""{"type":"textfield","key":"name","id":"Field_1"}"""));
        var catalog = FormCatalog.Load(_dir);

        Assert.True(catalog.TryGetSchema("intake", out var byFile));
        Assert.True(catalog.TryGetSchema("Form_test", out var byId));
        Assert.Same(byFile, byId);
    }

    [Fact]
    public void TryValidate_is_false_for_an_unknown_form_key()
    {
        var catalog = FormCatalog.Load(SchemasDirectory);
        Assert.False(catalog.TryValidate("no-such-form", new JsonObject(), out var errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void TryValidate_reports_the_fields_that_break_the_form()
    {
        var catalog = FormCatalog.Load(SchemasDirectory);
        var data = JsonNode.Parse("""{"childName":"Amina","age":15,"decision":"maybe","confirmed":true,"decisionDate":"2026-03-01","address":{"city":"Ceuta"},"isAdmin":true}""")!.AsObject();

        Assert.True(catalog.TryValidate("consulate-decision", data, out var errors));
        Assert.Equal(["decision: must be one of: yes, no", "isAdmin: is not a field of this form"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TryValidate_uses_the_task_variables()
    {
        var catalog = FormCatalog.Load(SchemasDirectory);
        var data = JsonNode.Parse("""{"caseNumber":"C-1","worker":"Ana","placement":"foster","needs":["school"],"reviewed":true}""")!.AsObject();
        var variables = FeelContext.FromJson(JsonNode.Parse("""{"caseNumber":"C-1","placements":["foster"],"priorities":[]}""")!.AsObject());

        Assert.True(catalog.TryValidate("placement-review", data, variables, out var errors));
        Assert.Empty(errors);
        Assert.True(catalog.TryValidate("placement-review", data, FeelContext.Empty, out errors));
        Assert.Equal(["caseNumber: is read-only and cannot be changed", "placement: must be one of: (the form offers no options)"], errors.Select(e => e.ToString()));

        // Without the variables, what depends on them is not checked.
        Assert.True(catalog.TryValidate("placement-review", data, out errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_broken_file_fails_the_load_naming_it()
    {
        File.WriteAllText(Path.Combine(_dir, "good.form"), FormJson("""{"type":"textfield","key":"a","id":"Field_1"}"""));
        File.WriteAllText(Path.Combine(_dir, "broken.form"), """{"type":"default","components":[{"type":"textfield","id":"Field_9"}]}""");
        File.WriteAllText(Path.Combine(_dir, "truncated.form"), """{"type":"default","components":[""");

        var e = Assert.Throws<FormSchemaException>(() => FormCatalog.Load(_dir));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.StartsWith(Path.Combine(_dir, "broken.form") + ": Field_9: the textfield field has no \"key\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith(Path.Combine(_dir, "truncated.form") + ": not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_forms_with_the_same_key_fail_the_load()
    {
        File.WriteAllText(Path.Combine(_dir, "a.form"), """{"type":"default","id":"same","components":[]}""");
        File.WriteAllText(Path.Combine(_dir, "b.form"), """{"type":"default","id":"same","components":[]}""");

        var e = Assert.Throws<FormSchemaException>(() => FormCatalog.Load(_dir));
        Assert.Contains("form key 'same' is also used by", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_gives_an_empty_catalog() =>
        Assert.Empty(FormCatalog.Load(Path.Combine(_dir, "missing")).Keys);

    [Fact]
    public async Task Lookups_and_validation_run_while_forms_are_registered()
    {
        var catalog = new FormCatalog([]);
        var data = JsonNode.Parse("""{"n":1}""")!.AsObject();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                catalog.Register(FormSchema.Parse(
                    $$$"""{"type":"default","id":"f{{{i % 20}}}","components":[{"type":"number","key":"n","id":"Field_n","validate":{"max":{{{w}}}}}]}""", "f"));
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                if (catalog.TryValidate($"f{i % 20}", data, out var errors))
                {
                    Assert.True(errors.Count <= 1);
                }
            }
        }));

        await Task.WhenAll(writers.Concat(readers));
        Assert.Equal(20, catalog.Keys.Count);
    }
}

public class CatalogTaskFormValidatorTests
{
    [Fact]
    public void Adapts_the_catalog_to_the_workflow_service()
    {
        var catalog = FormCatalog.Load(SchemasDirectory);
        var data = JsonNode.Parse("""{"childName":""}""")!.AsObject();

        Assert.Contains(new FormFieldError("childName", "is required"), new CatalogTaskFormValidator(catalog).Validate("consulate-decision", data, new JsonObject()));
        Assert.Empty(new CatalogTaskFormValidator(catalog).Validate("no-such-form", data, new JsonObject()));
        Assert.Equal(
            [new FormFieldError("(form)", "the task's form 'no-such-form' is not deployed, so the data cannot be checked")],
            new CatalogTaskFormValidator(catalog, rejectUnknownForms: true).Validate("no-such-form", data, new JsonObject()));
    }
}
