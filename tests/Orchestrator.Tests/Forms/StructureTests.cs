using static Orchestrator.Tests.Forms.FormTestSupport;

namespace Orchestrator.Tests.Forms;

/// <summary>Groups, dynamic lists, conditions, read-only and disabled fields, and keys the form cannot produce.</summary>
public class StructureTests
{
    private static readonly string Address = """
        {"type":"group","label":"Address","path":"address","id":"Field_g","components":[
          {"type":"textfield","key":"city","id":"Field_c","validate":{"required":true}},
          {"type":"group","label":"Geo","path":"geo","id":"Field_g2","components":[
            {"type":"number","key":"lat","id":"Field_lat","validate":{"min":-90,"max":90}}]},
          {"type":"group","label":"No path","id":"Field_g3","components":[
            {"type":"textfield","key":"street.name","id":"Field_st"}]}]}
        """;

    [Theory]
    [InlineData("""{"address":{"city":"Ceuta","geo":{"lat":35.9},"street":{"name":"Real"}}}""", "")]
    [InlineData("""{"address":{"city":""}}""", "address.city: is required")]
    [InlineData("""{}""", "address.city: is required")]
    [InlineData("""{"address":{"city":"Ceuta","geo":{"lat":91}}}""", "address.geo.lat: must be at most 90")]
    [InlineData("""{"address":{"city":"Ceuta","zip":"51001"}}""", "address.zip: is not a field of this form")]
    [InlineData("""{"address":{"city":"Ceuta","geo":{"lat":1,"lon":2}}}""", "address.geo.lon: is not a field of this form")]
    [InlineData("""{"address":"Ceuta"}""", "address.city: is required | address: must be an object")]
    [InlineData("""{"address":{"city":"Ceuta","street":"Real"}}""", "address.street: must be an object")]
    public void Groups_nest_their_children_under_their_paths(string data, string expected) =>
        Assert.Equal(expected, Render(Validate(Form(Address), data)));

    private static readonly string Children = """
        {"type":"dynamiclist","label":"Children","path":"children","id":"Field_l","isRepeating":true,"allowAddRemove":true,"defaultRepetitions":1,"components":[
          {"type":"textfield","key":"name","id":"Field_n","validate":{"required":true,"maxLength":20}},
          {"type":"checkbox","key":"hasSchool","id":"Field_hs"},
          {"type":"textfield","key":"school","id":"Field_s","conditional":{"hide":"=not(this.hasSchool)"},"validate":{"required":true}},
          {"type":"dynamiclist","label":"Siblings","path":"siblings","id":"Field_l2","isRepeating":true,"allowAddRemove":true,"components":[
            {"type":"textfield","key":"name","id":"Field_sn","conditional":{"hide":"=parent.this.hasSchool"},"validate":{"required":true}}]}]}
        """;

    [Theory]
    [InlineData("""{"children":[{"name":"Amina","hasSchool":true,"school":"CEIP"},{"name":"Omar","hasSchool":false}]}""", "")]
    [InlineData("""{"children":[]}""", "")]
    [InlineData("""{}""", "")]
    [InlineData("""{"children":[{"name":"Amina","hasSchool":true},{"name":"","hasSchool":false}]}""", "children[0].school: is required | children[1].name: is required")]
    [InlineData("""{"children":[{"name":"Omar","hasSchool":false,"school":"CEIP"}]}""", "children[0].school: must not be submitted: the field is hidden")]
    [InlineData("""{"children":[{"name":"Omar","hasSchool":false,"siblings":[{"name":"Ali"},{"name":""}]}]}""", "children[0].siblings[1].name: is required")]
    [InlineData("""{"children":[{"name":"Omar","hasSchool":true,"school":"x","siblings":[{"name":"Ali"}]}]}""", "children[0].siblings[0].name: must not be submitted: the field is hidden")]
    [InlineData("""{"children":[{"name":"Omar","hasSchool":false,"nickname":"O"}]}""", "children[0].nickname: is not a field of this form")]
    [InlineData("""{"children":[{"name":"Omar"}]}""", "children[0].school: is required")] // not(null) is null: not hidden (the viewer would have sent hasSchool: false)
    [InlineData("""{"children":{"name":"Omar"}}""", "children: must be a list")]
    [InlineData("""{"children":["Omar"]}""", "children[0]: must be an object")]
    public void Dynamic_lists_validate_every_item(string data, string expected) =>
        Assert.Equal(expected, Render(Validate(Form(Children), data)));

    [Theory]
    [InlineData("""{"reviews":[{"ok":true},{"ok":false}]}""", """{"reviews":[{"ok":false},{"ok":false}]}""", "")]
    [InlineData("""{"reviews":[{"ok":true}]}""", """{"reviews":[{"ok":false},{"ok":false}]}""", "reviews: must have exactly 2 items (the form cannot add or remove items)")]
    [InlineData("""{"reviews":[{"ok":true},{"ok":true}]}""", """{}""", "reviews: must have exactly 1 item (the form cannot add or remove items)")]
    [InlineData("""{"reviews":[{"ok":true},{"ok":true}]}""", null, "")] // variables unknown: so is the item count
    public void A_list_without_add_and_remove_keeps_its_items(string data, string? variables, string expected)
    {
        var schema = Form("""
            {"type":"dynamiclist","path":"reviews","id":"Field_l","isRepeating":true,"allowAddRemove":false,"defaultRepetitions":1,"components":[
              {"type":"checkbox","key":"ok","id":"Field_ok"}]}
            """);
        Assert.Equal(expected, Render(Validate(schema, data, variables)));
    }

    private static readonly string[] Decision =
    [
        """{"type":"radio","key":"decision","id":"Field_d","values":[{"label":"Yes","value":"yes"},{"label":"No","value":"no"}],"validate":{"required":true}}""",
        """{"type":"textarea","key":"reason","id":"Field_r","conditional":{"hide":"=decision != \"no\""},"validate":{"required":true,"minLength":10}}""",
        """{"type":"group","path":"appeal","id":"Field_a","conditional":{"hide":"=status = \"closed\""},"components":[{"type":"textfield","key":"court","id":"Field_c","validate":{"required":true}}]}""",
        """{"type":"dynamiclist","path":"witnesses","id":"Field_w","isRepeating":true,"allowAddRemove":true,"conditional":{"hide":"=decision = \"yes\""},"components":[{"type":"textfield","key":"name","id":"Field_wn"}]}""",
    ];

    [Theory]
    [InlineData("""{"decision":"yes"}""", """{"status":"closed"}""", "")]
    [InlineData("""{"decision":"no","reason":"The documents were forged."}""", """{"status":"closed"}""", "")]
    [InlineData("""{"decision":"no"}""", """{"status":"closed"}""", "reason: is required")]
    [InlineData("""{"decision":"no","reason":"too short"}""", """{"status":"closed"}""", "reason: must be at least 10 characters")]
    [InlineData("""{"decision":"yes","reason":"I say so anyway"}""", """{"status":"closed"}""", "reason: must not be submitted: the field is hidden")]
    [InlineData("""{"decision":"yes","reason":null}""", """{"status":"closed"}""", "")]
    [InlineData("""{"decision":"yes"}""", """{"status":"open"}""", "appeal.court: is required")]
    [InlineData("""{"decision":"yes","appeal":{"court":"TSJ"}}""", """{"status":"closed"}""", "appeal.court: must not be submitted: the field is hidden")]
    [InlineData("""{"decision":"yes","witnesses":[{"name":"A"}]}""", """{"status":"closed"}""", "witnesses: must not be submitted: the list is hidden")]
    [InlineData("""{"decision":"no","reason":"The documents were forged.","witnesses":[{"name":"A"}]}""", """{"status":"closed"}""", "")]
    public void Hidden_fields_are_neither_required_nor_accepted(string data, string variables, string expected) =>
        Assert.Equal(expected, Render(Validate(Form(Decision), data, variables)));

    [Fact]
    public void A_condition_that_cannot_be_evaluated_does_not_hide()
    {
        var schema = Form("""{"type":"textfield","key":"x","id":"Field_x","conditional":{"hide":"=unknownVariable > 3"},"validate":{"required":true}}""");
        Assert.Equal("x: is required", Render(Validate(schema, "{}")));
    }

    private static readonly string[] Record =
    [
        """{"type":"textfield","key":"caseNumber","id":"Field_cn","readonly":true}""",
        """{"type":"number","key":"age","id":"Field_age","readonly":"=status = \"closed\""}""",
        """{"type":"checkbox","key":"urgent","id":"Field_u","readonly":true}""",
        """{"type":"textfield","key":"legacy","id":"Field_l","disabled":true,"validate":{"required":true}}""",
    ];

    [Theory]
    [InlineData("""{"caseNumber":"C-1","age":15,"urgent":true}""", """{"caseNumber":"C-1","age":15,"status":"closed","urgent":true}""", "")]
    [InlineData("""{}""", """{"caseNumber":"C-1","age":15,"status":"closed"}""", "")]
    [InlineData("""{"caseNumber":"C-2"}""", """{"caseNumber":"C-1"}""", "caseNumber: is read-only and cannot be changed")]
    [InlineData("""{"caseNumber":""}""", """{}""", "")] // form-js submits the empty value of a read-only field without data
    [InlineData("""{"caseNumber":"C-9"}""", """{}""", "caseNumber: is read-only and cannot be changed")]
    [InlineData("""{"caseNumber":"12"}""", """{"caseNumber":12}""", "")] // form-js turns initial data into text for a text field
    [InlineData("""{"age":16}""", """{"age":15,"status":"closed"}""", "age: is read-only and cannot be changed")]
    [InlineData("""{"age":16}""", """{"age":15,"status":"open"}""", "")]
    [InlineData("""{"urgent":false}""", """{}""", "")]
    [InlineData("""{"urgent":true}""", """{}""", "urgent: is read-only and cannot be changed")]
    [InlineData("""{"legacy":"X9"}""", """{"legacy":"X9"}""", "legacy: must not be submitted: the field is disabled")]
    [InlineData("""{"caseNumber":"C-9","urgent":true}""", null, "")] // variables unknown: the initial values are too
    public void Read_only_fields_keep_their_value_and_disabled_fields_send_none(string data, string? variables, string expected) =>
        Assert.Equal(expected, Render(Validate(Form(Record), data, variables)));

    [Fact]
    public void Unknown_keys_are_named()
    {
        var schema = Form("""{"type":"textfield","key":"name","id":"Field_n"}""");
        var errors = Validate(schema, """{"name":"Ana","isAdmin":true,"__proto__":{"x":1}}""");
        Assert.Equal("isAdmin: is not a field of this form | __proto__: is not a field of this form", Render(errors));
    }

    [Fact]
    public void Dotted_keys_bind_nested_objects()
    {
        var schema = Form(
            """{"type":"textfield","key":"guardian.name","id":"Field_1","validate":{"required":true}}""",
            """{"type":"textfield","key":"guardian.phone","id":"Field_2"}""");
        Assert.Equal("", Render(Validate(schema, """{"guardian":{"name":"Ana","phone":"+34600111222"}}""")));
        Assert.Equal("guardian.name: is required | guardian.email: is not a field of this form", Render(Validate(schema, """{"guardian":{"email":"x"}}""")));
    }

    [Fact]
    public void Errors_are_capped()
    {
        var schema = Form("""{"type":"textfield","key":"name","id":"Field_n"}""");
        var data = "{" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"k{i}\":1")) + "}";
        var errors = Validate(schema, data);
        Assert.Equal(Orchestrator.Forms.FormValidator.MaxErrors + 1, errors.Count);
        Assert.Equal("(form)", errors[^1].Field);
    }
}
