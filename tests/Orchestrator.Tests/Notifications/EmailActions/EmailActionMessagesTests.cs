using System.Text.Json.Nodes;
using Orchestrator.Feel;
using Orchestrator.Forms;
using Orchestrator.Notifications.EmailActions;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// The outside page translates the form validator's English messages by their shape: every shape the validator
/// produces has a Spanish version (a new or reworded message fails here until it is translated), the values inside a
/// message survive, and English pages keep the validator's words.
/// </summary>
public sealed class EmailActionMessagesTests
{
    private static readonly string[] Components =
    [
        """{"type":"textfield","id":"F1","key":"name","label":"Name","validate":{"required":true}}""",
        """{"type":"checkbox","id":"F2","key":"agree","label":"Agree","validate":{"required":true}}""",
        """{"type":"textfield","id":"F3","key":"text","label":"Text"}""",
        """{"type":"textfield","id":"F4","key":"line","label":"Line"}""",
        """{"type":"number","id":"F5","key":"count","label":"Count"}""",
        """{"type":"checkbox","id":"F6","key":"flag","label":"Flag"}""",
        """{"type":"radio","id":"F7","key":"choice","label":"Choice","values":[{"label":"A","value":"a"},{"label":"B","value":"b"}]}""",
        """{"type":"checklist","id":"F8","key":"many","label":"Many","values":[{"label":"A","value":"a"},{"label":"B","value":"b"}]}""",
        """{"type":"checklist","id":"F9","key":"unknownOption","label":"Unknown option","values":[{"label":"A","value":"a"}]}""",
        """{"type":"checklist","id":"F10","key":"twice","label":"Twice","values":[{"label":"A","value":"a"}]}""",
        """{"type":"datetime","id":"F11","key":"day","subtype":"date","dateLabel":"Day"}""",
        """{"type":"datetime","id":"F12","key":"hour","subtype":"time","timeLabel":"Hour"}""",
        """{"type":"datetime","id":"F13","key":"moment","subtype":"datetime","dateLabel":"Day","timeLabel":"Hour"}""",
        """{"type":"datetime","id":"F14","key":"future","subtype":"date","dateLabel":"Future","disallowPassedDates":true}""",
        """{"type":"textfield","id":"F15","key":"digits","label":"Digits","validate":{"validationType":"custom","pattern":"^[0-9]+$"}}""",
        """{"type":"textfield","id":"F16","key":"short","label":"Short","validate":{"minLength":5}}""",
        """{"type":"textfield","id":"F17","key":"long","label":"Long","validate":{"maxLength":2}}""",
        """{"type":"textfield","id":"F18","key":"mail","label":"Mail","validate":{"validationType":"email"}}""",
        """{"type":"textfield","id":"F19","key":"phone","label":"Phone","validate":{"validationType":"phone"}}""",
        """{"type":"number","id":"F20","key":"whole","label":"Whole","decimalDigits":0}""",
        """{"type":"number","id":"F21","key":"money","label":"Money","decimalDigits":2}""",
        """{"type":"number","id":"F22","key":"step","label":"Step","increment":5}""",
        """{"type":"number","id":"F23","key":"low","label":"Low","validate":{"min":3}}""",
        """{"type":"number","id":"F24","key":"high","label":"High","validate":{"max":3}}""",
        """{"type":"group","id":"F25","path":"address","label":"Address","components":[{"type":"textfield","id":"F26","key":"city","label":"City"}]}""",
        """{"type":"textfield","id":"F27","key":"fixed","label":"Fixed","readonly":true}""",
        """{"type":"textfield","id":"F28","key":"secret","label":"Secret","conditional":{"hide":"=true"}}""",
        """{"type":"textfield","id":"F29","key":"off","label":"Off","disabled":true}""",
        """{"type":"dynamiclist","id":"F30","path":"kids","label":"Kids","isRepeating":true,"allowAddRemove":false,"defaultRepetitions":1,"components":[{"type":"textfield","id":"F31","key":"kid","label":"Kid"}]}""",
        """{"type":"number","id":"F32","key":"huge","label":"Huge","serializeToString":true}""",
    ];

    private const string BrokenData = """
        {"agree":false,"text":5,"line":"a\nb","count":"x","flag":"yes","choice":"c","many":"a","unknownOption":["c"],"twice":["a","a"],
         "day":"31/01/2026","hour":"x","moment":"x","future":"2000-01-01","digits":"abc","short":"ab","long":"abcd","mail":"x",
         "phone":"x","whole":1.5,"money":1.234,"step":7,"low":1,"high":9,"address":5,"fixed":"changed","secret":"x","off":"x",
         "kids":[{},{}],"huge":"x","extra":true}
        """;

    [Fact]
    public void Every_message_the_form_validator_gives_has_a_Spanish_version_that_keeps_its_values()
    {
        var schema = FormSchema.Parse($$"""{"type":"default","id":"Form_messages","schemaVersion":19,"components":[{{string.Join(",", Components)}}]}""", "messages.form");
        var errors = new FormValidator(timeProvider: TimeProvider.System).Validate(schema, JsonNode.Parse(BrokenData)!.AsObject(), FeelContext.FromJson(new JsonObject()));

        // Every field above is broken in its own way; each must be reported (else the shape went untested).
        var fields = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "name", "agree", "text", "line", "count", "flag", "choice", "many", "unknownOption", "twice", "day", "hour", "moment", "future", "digits", "short", "long", "mail", "phone", "whole", "money", "step", "low", "high", "address", "fixed", "secret", "off", "kids", "huge", "extra" })
        {
            Assert.True(fields.Contains(expected), $"no error for '{expected}': {string.Join(" | ", errors)}");
        }

        var untranslated = errors.Where(e => !EmailActionMessages.IsKnown(e.Message)).Select(e => e.ToString()).ToList();
        Assert.True(untranslated.Count == 0, "messages without a Spanish version: " + string.Join(" | ", untranslated));
        foreach (var error in errors)
        {
            Assert.Equal(error.Message, EmailActionMessages.Translate(error.Message, "en"));
            Assert.NotEqual(error.Message, EmailActionMessages.Translate(error.Message, "es"));
        }

        string Spanish(string field) => EmailActionMessages.Translate(errors.First(e => e.Field == field).Message, "es");
        Assert.Equal("es obligatorio", Spanish("name"));
        Assert.Equal("debe tener al menos 5 caracteres", Spanish("short"));
        Assert.Equal("debe ser como máximo 3", Spanish("high"));
        Assert.Equal("debe tener el formato ^[0-9]+$", Spanish("digits"));
        Assert.StartsWith("debe ser una fecha como ", Spanish("day"), StringComparison.Ordinal);
        Assert.Equal("debe ser múltiplo de 5 (los valores válidos más cercanos son 5 y 10)", Spanish("step"));
    }

    [Fact]
    public void A_designers_own_pattern_message_is_shown_as_written()
    {
        Assert.Equal("Dos letras, un guion y cuatro cifras", EmailActionMessages.Translate("Dos letras, un guion y cuatro cifras", "es"));
        Assert.False(EmailActionMessages.IsKnown("Two letters, a dash and four digits"));
    }
}
