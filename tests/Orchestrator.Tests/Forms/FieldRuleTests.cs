using static Orchestrator.Tests.Forms.FormTestSupport;

namespace Orchestrator.Tests.Forms;

/// <summary>One rule at a time, per field type: component, submitted data, the expected errors.</summary>
public class FieldRuleTests
{
    private const string Required = """{"type":"textfield","key":"name","id":"Field_1","validate":{"required":true}}""";
    private const string Lengths = """{"type":"textfield","key":"name","id":"Field_1","validate":{"minLength":3,"maxLength":5}}""";
    private const string Pattern = """{"type":"textfield","key":"zip","id":"Field_1","validate":{"validationType":"custom","pattern":"^[0-9]{5}$"}}""";
    private const string PatternMessage = """{"type":"textfield","key":"zip","id":"Field_1","validate":{"pattern":"^[0-9]{5}$","patternErrorMessage":"must be a Spanish postal code"}}""";
    private const string Unanchored = """{"type":"textfield","key":"code","id":"Field_1","validate":{"pattern":"[0-9]"}}""";
    private const string Email = """{"type":"textfield","key":"email","id":"Field_1","validate":{"validationType":"email"}}""";
    private const string Phone = """{"type":"textfield","key":"phone","id":"Field_1","validate":{"validationType":"phone"}}""";
    private const string Textarea = """{"type":"textarea","key":"notes","id":"Field_1","validate":{"maxLength":200}}""";

    [Theory]
    [InlineData(Required, """{}""", "name: is required")]
    [InlineData(Required, """{"name":null}""", "name: is required")]
    [InlineData(Required, """{"name":""}""", "name: is required")]
    [InlineData(Required, """{"name":"  "}""", "")] // form-js: only '' is empty
    [InlineData(Required, """{"name":"Ana"}""", "")]
    [InlineData(Required, """{"name":5}""", "name: must be text")]
    [InlineData(Required, """{"name":["Ana"]}""", "name: must be text")]
    [InlineData(Required, """{"name":"Ana\nMaria"}""", "name: must be a single line of text")]
    [InlineData(Lengths, """{"name":"ab"}""", "name: must be at least 3 characters")]
    [InlineData(Lengths, """{"name":"  ab   "}""", "name: must be at least 3 characters")] // trimmed, as form-js
    [InlineData(Lengths, """{"name":"abc"}""", "")]
    [InlineData(Lengths, """{"name":"abcdef"}""", "name: must be at most 5 characters")]
    [InlineData(Lengths, """{"name":""}""", "")] // empty and not required: no length rule
    [InlineData(Pattern, """{"zip":"5100"}""", "zip: must match the pattern ^[0-9]{5}$")]
    [InlineData(Pattern, """{"zip":"51001"}""", "")]
    [InlineData(Pattern, """{"zip":""}""", "")]
    [InlineData(PatternMessage, """{"zip":"x"}""", "zip: must be a Spanish postal code")]
    [InlineData(Unanchored, """{"code":"a1"}""", "")] // RegExp.test, not a full match
    [InlineData(Unanchored, """{"code":"ab"}""", "code: must match the pattern [0-9]")]
    [InlineData(Email, """{"email":"consul@example.org"}""", "")]
    [InlineData(Email, """{"email":"not-an-email"}""", "email: must be a valid email address")]
    [InlineData(Email, """{"email":"a@b@c"}""", "email: must be a valid email address")]
    [InlineData(Phone, """{"phone":"+4930664040900"}""", "")]
    [InlineData(Phone, """{"phone":"call me"}""", "phone: must be a valid international phone number (e.g. +4930664040900)")]
    [InlineData(Textarea, """{"notes":"line one\nline two"}""", "")]
    [InlineData(Textarea, """{"notes":true}""", "notes: must be text")]
    public void Text_fields(string component, string data, string expected) =>
        Assert.Equal(expected, Check(component, data));

    private const string Age = """{"type":"number","key":"age","id":"Field_1","validate":{"required":true,"min":0,"max":17}}""";
    private const string Whole = """{"type":"number","key":"n","id":"Field_1","decimalDigits":0}""";
    private const string TwoDigits = """{"type":"number","key":"n","id":"Field_1","decimalDigits":2}""";
    private const string Step = """{"type":"number","key":"n","id":"Field_1","increment":"0.5"}""";
    private const string AsText = """{"type":"number","key":"n","id":"Field_1","serializeToString":true,"validate":{"min":1}}""";
    private const string FeelMin = """{"type":"number","key":"age","id":"Field_1","validate":{"min":"=minAge","max":"=minAge + 5"}}""";
    private const string FeelBroken = """{"type":"number","key":"age","id":"Field_1","validate":{"min":"=\"twelve\""}}""";

    [Theory]
    [InlineData(Age, """{"age":12}""", null, "")]
    [InlineData(Age, """{"age":0}""", null, "")]
    [InlineData(Age, """{"age":null}""", null, "age: is required")]
    [InlineData(Age, """{"age":"12"}""", null, "age: must be a number")]
    [InlineData(Age, """{"age":-1}""", null, "age: must be at least 0")]
    [InlineData(Age, """{"age":18}""", null, "age: must be at most 17")]
    [InlineData(Age, """{"age":17.5}""", null, "age: must be at most 17")]
    [InlineData(Whole, """{"n":1.5}""", null, "n: must be a whole number")]
    [InlineData(Whole, """{"n":2.0}""", null, "")]
    [InlineData(TwoDigits, """{"n":1.234}""", null, "n: must have at most 2 decimal digits")]
    [InlineData(TwoDigits, """{"n":1.23}""", null, "")]
    [InlineData(Step, """{"n":1.25}""", null, "n: must be a multiple of 0.5 (the nearest valid values are 1 and 1.5)")]
    [InlineData(Step, """{"n":-1.5}""", null, "")]
    [InlineData(AsText, """{"n":"12.5"}""", null, "")]
    [InlineData(AsText, """{"n":"0.5"}""", null, "n: must be at least 1")]
    [InlineData(AsText, """{"n":12.5}""", null, "n: must be a number written as text (e.g. \"12.5\")")]
    [InlineData(AsText, """{"n":"twelve"}""", null, "n: must be a number written as text (e.g. \"12.5\")")]
    [InlineData(FeelMin, """{"age":10}""", """{"minAge":12}""", "age: must be at least 12")]
    [InlineData(FeelMin, """{"age":18}""", """{"minAge":12}""", "age: must be at most 17")]
    [InlineData(FeelMin, """{"age":14}""", """{"minAge":12}""", "")]
    [InlineData(FeelMin, """{"age":10, "minAge": 12}""", null, "minAge: is not a field of this form")] // the bound comes from the variables, not from the client
    [InlineData(FeelMin, """{"age":1}""", null, "")] // FEEL null: no bound, as in form-js
    [InlineData(FeelBroken, """{"age":1}""", null, "age: cannot be checked: the form's min (=\"twelve\") is \"twelve\", not a number")]
    public void Numbers(string component, string data, string? variables, string expected) =>
        Assert.Equal(expected, Check(component, data, variables));

    private const string Checkbox = """{"type":"checkbox","key":"ok","id":"Field_1","validate":{"required":true}}""";
    private const string Checklist = """{"type":"checklist","key":"docs","id":"Field_1","values":[{"label":"Passport","value":"passport"},{"label":"Birth certificate","value":"birth"}],"validate":{"required":true}}""";
    private const string Taglist = """{"type":"taglist","key":"tags","id":"Field_1","values":[{"label":"Arabic","value":"ar"},{"label":"Spanish","value":"es"}]}""";
    private const string Radio = """{"type":"radio","key":"decision","id":"Field_1","values":[{"label":"Yes","value":"yes"},{"label":"No","value":"no"}]}""";
    private const string NumericRadio = """{"type":"radio","key":"level","id":"Field_1","values":[{"label":"One","value":1},{"label":"Two","value":2}]}""";
    private const string SelectByKey = """{"type":"select","key":"placement","id":"Field_1","valuesKey":"placements"}""";
    private const string SelectByFeel = """{"type":"select","key":"placement","id":"Field_1","valuesExpression":"=for p in placements return p.code"}""";

    [Theory]
    [InlineData(Checkbox, """{"ok":true}""", null, "")]
    [InlineData(Checkbox, """{"ok":false}""", null, "ok: must be checked")]
    [InlineData(Checkbox, """{}""", null, "ok: must be checked")]
    [InlineData(Checkbox, """{"ok":"yes"}""", null, "ok: must be true or false")]
    [InlineData(Checklist, """{"docs":["passport","birth"]}""", null, "")]
    [InlineData(Checklist, """{"docs":[]}""", null, "docs: is required")]
    [InlineData(Checklist, """{"docs":"passport"}""", null, "docs: must be a list")]
    [InlineData(Checklist, """{"docs":["passport","visa"]}""", null, "docs: contains \"visa\", which is not one of: passport, birth")]
    [InlineData(Checklist, """{"docs":["passport","passport"]}""", null, "docs: contains \"passport\" more than once")]
    [InlineData(Taglist, """{"tags":["es"]}""", null, "")]
    [InlineData(Taglist, """{"tags":[]}""", null, "")]
    [InlineData(Taglist, """{"tags":[1]}""", null, "tags: contains 1, which is not one of: ar, es")]
    [InlineData(Radio, """{"decision":"no"}""", null, "")]
    [InlineData(Radio, """{"decision":null}""", null, "")]
    [InlineData(Radio, """{"decision":"maybe"}""", null, "decision: must be one of: yes, no")]
    [InlineData(Radio, """{"decision":["yes"]}""", null, "decision: must be one of: yes, no")]
    [InlineData(NumericRadio, """{"level":2}""", null, "")]
    [InlineData(NumericRadio, """{"level":"2"}""", null, "level: must be one of: 1, 2")]
    [InlineData(SelectByKey, """{"placement":"foster"}""", """{"placements":[{"label":"Foster family","value":"foster"},"residential"]}""", "")]
    [InlineData(SelectByKey, """{"placement":"residential"}""", """{"placements":[{"label":"Foster family","value":"foster"},"residential"]}""", "")]
    [InlineData(SelectByKey, """{"placement":"street"}""", """{"placements":[{"label":"Foster family","value":"foster"},"residential"]}""", "placement: must be one of: foster, residential")]
    [InlineData(SelectByKey, """{"placement":"foster"}""", """{}""", "placement: must be one of: (the form offers no options)")]
    [InlineData(SelectByKey, """{"placement":"anything"}""", null, "")] // variables unknown: so are the options
    [InlineData(SelectByFeel, """{"placement":"F"}""", """{"placements":[{"code":"F"},{"code":"R"}]}""", "")]
    [InlineData(SelectByFeel, """{"placement":"X"}""", """{"placements":[{"code":"F"},{"code":"R"}]}""", "placement: must be one of: F, R")]
    public void Choices(string component, string data, string? variables, string expected) =>
        Assert.Equal(expected, Check(component, data, variables));

    private const string Date = """{"type":"datetime","subtype":"date","dateLabel":"Date","key":"d","id":"Field_1"}""";
    private const string TimeOffset = """{"type":"datetime","subtype":"time","timeLabel":"Time","key":"t","id":"Field_1","timeSerializingFormat":"utc_offset"}""";
    private const string TimeUtc = """{"type":"datetime","subtype":"time","timeLabel":"Time","key":"t","id":"Field_1","timeSerializingFormat":"utc_normalized"}""";
    private const string TimeLocal = """{"type":"datetime","subtype":"time","timeLabel":"Time","key":"t","id":"Field_1"}""";
    private const string DateTimeOffset = """{"type":"datetime","subtype":"datetime","dateLabel":"Date","timeLabel":"Time","key":"at","id":"Field_1","timeSerializingFormat":"utc_offset"}""";
    private const string DateTimeLocal = """{"type":"datetime","subtype":"datetime","dateLabel":"Date","timeLabel":"Time","key":"at","id":"Field_1","timeSerializingFormat":"no_timezone","validate":{"required":true}}""";

    [Theory]
    [InlineData(Date, """{"d":"2026-02-28"}""", "")]
    [InlineData(Date, """{"d":null}""", "")]
    [InlineData(Date, """{"d":"2026-02-30"}""", "d: must be a date like 2026-01-31")]
    [InlineData(Date, """{"d":"28/02/2026"}""", "d: must be a date like 2026-01-31")]
    [InlineData(Date, """{"d":"2026-02-28T10:00"}""", "d: must be a date like 2026-01-31")]
    [InlineData(Date, """{"d":20260228}""", "d: must be a date like 2026-01-31")]
    [InlineData(TimeOffset, """{"t":"10:30+01:00"}""", "")]
    [InlineData(TimeOffset, """{"t":"10:30-05:00"}""", "")]
    [InlineData(TimeOffset, """{"t":"10:30"}""", "t: must be a time like 14:30+01:00")]
    [InlineData(TimeOffset, """{"t":"24:00+01:00"}""", "t: must be a time like 14:30+01:00")]
    [InlineData(TimeUtc, """{"t":"09:30Z"}""", "")]
    [InlineData(TimeUtc, """{"t":"09:30:00Z"}""", "t: must be a time like 14:30Z")]
    [InlineData(TimeLocal, """{"t":"09:30"}""", "")]
    [InlineData(TimeLocal, """{"t":"09:30Z"}""", "t: must be a time like 14:30")]
    [InlineData(DateTimeOffset, """{"at":"2026-03-02T10:30+01:00"}""", "")]
    [InlineData(DateTimeOffset, """{"at":"2026-03-02T10:30Z"}""", "at: must be a date and time like 2026-01-31T14:30+01:00")]
    [InlineData(DateTimeLocal, """{"at":"2026-03-02T10:30"}""", "")]
    [InlineData(DateTimeLocal, """{"at":"2026-03-02"}""", "at: must be a date and time like 2026-01-31T14:30")]
    [InlineData(DateTimeLocal, """{"at":null}""", "at: is required")]
    public void Dates_and_times(string component, string data, string expected) =>
        Assert.Equal(expected, Check(component, data));

    [Theory]
    [InlineData("2026-03-10", "")]
    [InlineData("2026-03-09", "")] // yesterday in UTC may be today for the user
    [InlineData("2026-03-01", "d: must not be in the past")]
    public void Passed_dates_are_refused_when_the_form_disallows_them(string date, string expected)
    {
        var schema = Form("""{"type":"datetime","subtype":"date","key":"d","id":"Field_1","disallowPassedDates":true}""");
        var time = new FixedTime(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(expected, Render(Validate(schema, $$"""{"d":"{{date}}"}""", time: time)));
    }

    private const string Sum = """{"type":"number","key":"a","id":"Field_a"},{"type":"number","key":"b","id":"Field_b"},{"type":"expression","key":"total","id":"Field_t","expression":"=a + b","computeOn":"change"}""";

    [Theory]
    [InlineData("""{"a":1,"b":2,"total":3}""", "")]
    [InlineData("""{"a":0.1,"b":0.2,"total":0.30000000000000004}""", "")] // JavaScript arithmetic
    [InlineData("""{"a":1,"b":2}""", "")]
    [InlineData("""{"a":1,"b":2,"total":4}""", "total: does not match the value the form computes (3)")]
    [InlineData("""{"a":1,"b":2,"total":"3"}""", "total: does not match the value the form computes (3)")]
    public void Expression_fields_hold_what_their_expression_computes(string data, string expected) =>
        Assert.Equal(expected, Render(Validate(Form(Sum), data)));

    [Fact]
    public void Display_components_take_no_value()
    {
        var schema = Form(
            """{"type":"text","text":"# Title","id":"Field_t"}""",
            """{"type":"html","content":"<p>x</p>","id":"Field_h"}""",
            """{"type":"image","source":"https://example.org/x.png","id":"Field_i"}""",
            """{"type":"spacer","height":60,"id":"Field_s"}""",
            """{"type":"separator","id":"Field_p"}""",
            """{"type":"button","action":"submit","label":"Send","id":"Field_b"}""");
        Assert.Equal("", Render(Validate(schema, "{}")));
        Assert.Equal("Field_t: is not a field of this form", Render(Validate(schema, """{"Field_t":"x"}""")));
    }
}
