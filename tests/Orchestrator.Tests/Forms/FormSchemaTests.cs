using Orchestrator.Forms;
using static Orchestrator.Tests.Forms.FormTestSupport;

namespace Orchestrator.Tests.Forms;

public class FormSchemaTests
{
    [Fact]
    public void Reads_a_schema_saved_by_the_form_js_editor()
    {
        // Written by @bpmn-io/form-js-editor 1.23.0 itself (FormEditor + modeling.addFormField + saveSchema), see Viewer/make-schema.mjs.
        var schema = FormSchema.Load(Path.Combine(SchemasDirectory, "consulate-decision.form"));

        Assert.Equal("consulate-decision", schema.Id);
        Assert.Equal(19, schema.SchemaVersion);
        Assert.Equal(17, schema.Components.Count);
        var group = schema.Components.Single(c => c.Type == "group");
        Assert.Equal("address", group.Path);
        Assert.Equal(["city", "postalCode"], group.Components.Select(c => c.Key));
        var list = schema.Components.Single(c => c.Type == "dynamiclist");
        Assert.Equal("siblings", list.Path);
        Assert.StartsWith("Field_", list.Id, StringComparison.Ordinal);
        Assert.Equal("Row_0q01r8p", list.Definition["layout"]!["row"]!.GetValue<string>());
        Assert.False(schema.Components.Single(c => c.Type == "text").IsValueField);
    }

    [Fact]
    public void A_schema_without_id_is_named_after_its_file()
    {
        var schema = FormSchema.Parse("""{"type":"default","components":[]}""", "/forms/intake-review.form");
        Assert.Equal("intake-review", schema.Id);
    }

    [Theory]
    [InlineData("{\"type\":\"default\",", "bad.form: not valid JSON")]
    [InlineData("[]", "bad.form: a form schema must be a JSON object, not a list")]
    [InlineData("""{"components":[]}""", "bad.form: -: the form has no \"type\": \"default\"")]
    [InlineData("""{"type":"group","components":[]}""", "bad.form: -: the form's type is 'group', expected 'default'")]
    [InlineData("""{"type":"default","components":{}}""", "bad.form: components: must be a list, not an object")]
    [InlineData("""{"type":"default","components":[1]}""", "bad.form: components[0]: a component must be an object, not a number")]
    [InlineData("""{"type":"default","components":[{"key":"x","id":"Field_1"}]}""", "bad.form: Field_1: the component has no \"type\"")]
    [InlineData("""{"type":"default","components":[{"type":"signature","key":"x","id":"Field_1"}]}""", "bad.form: Field_1: unknown field type 'signature'")]
    [InlineData("""{"type":"default","components":[{"type":"filepicker","key":"x","id":"Field_1"}]}""", "bad.form: Field_1: the field type 'filepicker' is not supported")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","id":"Field_1"}]}""", "bad.form: Field_1: the textfield field has no \"key\"")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a..b","id":"Field_1"}]}""", "bad.form: Field_1: key 'a..b': has an empty part")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a.__proto__","id":"Field_1"}]}""", "bad.form: Field_1: key 'a.__proto__': '__proto__' is not allowed as a name")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1"},{"type":"number","key":"b","id":"Field_1"}]}""", "bad.form: Field_1: another component has the same id")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1"},{"type":"number","key":"a","id":"Field_2"}]}""", "bad.form: Field_2: binding path 'a' is already claimed by Field_1")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1"},{"type":"number","key":"a.b","id":"Field_2"}]}""", "bad.form: Field_2: binding path 'a.b' is already claimed by Field_1")]
    [InlineData("""{"type":"default","components":[{"type":"dynamiclist","path":"l","isRepeating":true,"id":"Field_1","components":[]},{"type":"textfield","key":"l.x","id":"Field_2"}]}""", "bad.form: Field_2: binding path 'l.x' is already claimed")]
    [InlineData("""{"type":"default","components":[{"type":"dynamiclist","isRepeating":true,"id":"Field_1","components":[]}]}""", "bad.form: Field_1: the dynamic list has no \"path\"")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1","validate":{"pattern":"([a-z"}}]}""", "bad.form: Field_1: validate.pattern '([a-z' is not a valid regular expression")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1","validate":{"minLength":"three"}}]}""", "bad.form: Field_1: validate.minLength must be a number or a FEEL expression ('=…'), not text")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1","validate":{"validationType":"iban"}}]}""", "bad.form: Field_1: validate.validationType 'iban' is not one of: email, phone, custom")]
    [InlineData("""{"type":"default","components":[{"type":"textfield","key":"a","id":"Field_1","conditional":{"hide":"=a and or 1"}}]}""", "bad.form: Field_1: conditional.hide is not valid FEEL")]
    [InlineData("""{"type":"default","components":[{"type":"number","key":"a","id":"Field_1","validate":{"min":"=a +"}}]}""", "bad.form: Field_1: validate.min is not valid FEEL")]
    [InlineData("""{"type":"default","components":[{"type":"select","key":"a","id":"Field_1"}]}""", "bad.form: Field_1: the select field has no options")]
    [InlineData("""{"type":"default","components":[{"type":"datetime","key":"a","id":"Field_1"}]}""", "bad.form: Field_1: subtype must be one of: date, time, datetime")]
    [InlineData("""{"type":"default","components":[{"type":"datetime","subtype":"time","timeSerializingFormat":"local","key":"a","id":"Field_1"}]}""", "bad.form: Field_1: timeSerializingFormat must be one of")]
    [InlineData("""{"type":"default","components":[{"type":"number","key":"a","id":"Field_1","decimalDigits":-1}]}""", "bad.form: Field_1: decimalDigits must be a whole number, 0 or more")]
    [InlineData("""{"type":"default","components":[{"type":"number","key":"a","id":"Field_1","increment":0}]}""", "bad.form: Field_1: increment must be a number greater than 0")]
    [InlineData("""{"type":"default","components":[{"type":"expression","key":"a","id":"Field_1"}]}""", "bad.form: Field_1: the expression field has no FEEL \"expression\"")]
    [InlineData("""{"type":"default","components":[{"type":"group","path":"g","id":"Field_1","components":[{"type":"textfield","id":"Field_2"}]}]}""", "bad.form: Field_2: the textfield field has no \"key\"")]
    public void A_malformed_schema_is_refused_naming_the_file_and_the_problem(string json, string expected)
    {
        var e = Assert.Throws<FormSchemaException>(() => FormSchema.Parse(json, "bad.form"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var e = Assert.Throws<FormSchemaException>(() => FormSchema.Parse(
            """{"type":"default","components":[{"type":"textfield","id":"Field_1"},{"type":"nope","id":"Field_2"}]}""", "two.form"));
        Assert.Equal(2, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.StartsWith("two.form: Field_", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Groups_may_share_a_path_and_fields_may_write_into_a_group_path()
    {
        // form-js's PathRegistry allows open paths to be claimed more than once.
        var schema = Form(
            """{"type":"group","path":"address","id":"Field_g1","components":[{"type":"textfield","key":"city","id":"Field_1"}]}""",
            """{"type":"group","path":"address","id":"Field_g2","components":[{"type":"textfield","key":"zip","id":"Field_2"}]}""",
            """{"type":"textfield","key":"address.country","id":"Field_3"}""");
        Assert.Equal("", Render(Validate(schema, """{"address":{"city":"Ceuta","zip":"51001","country":"ES"}}""")));
    }
}
