using System.Text.Json.Nodes;
using Orchestrator.Feel;
using Orchestrator.Forms;
using static Orchestrator.Tests.Forms.FormTestSupport;

namespace Orchestrator.Tests.Forms;

/// <summary>
/// The server flags exactly the fields the real form-js viewer flags, for submissions the viewer
/// produced itself (see <c>Viewer/README.md</c>).
/// </summary>
public class ViewerDifferentialTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(ViewerDirectory, "*.viewer.json").Order(StringComparer.Ordinal))
        {
            var form = Path.GetFileName(file).Replace(".viewer.json", "", StringComparison.Ordinal);
            foreach (var c in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                data.Add(form, c!["name"]!.GetValue<string>());
            }
        }

        return data;
    }

    /// <summary>
    /// Where the server knowingly differs from the viewer, and the fields it flags instead. The
    /// difference is FEEL's, not the form rules': feelin compares values of different types as
    /// unequal, Orchestrator.Feel follows the DMN spec (null), and a null condition does not hide.
    /// </summary>
    private static readonly Dictionary<(string Form, string Case), string[]> KnownDeviations = new()
    {
        [("family-visits", "numeric-option")] = ["hours", "supervisor", "supervisorEmail"], // `kind != "supervised"` with kind = 2
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_server_flags_the_fields_the_viewer_flags(string form, string caseName)
    {
        var schema = FormSchema.Load(Path.Combine(SchemasDirectory, form + ".form"));
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(ViewerDirectory, form + ".viewer.json")))!.AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == caseName)!;
        var variables = FeelContext.FromJson(fixture["variables"]!.AsObject());

        var errors = new FormValidator().Validate(schema, fixture["submitted"]!.AsObject(), variables);

        var expected = KnownDeviations.TryGetValue((form, caseName), out var deviation)
            ? deviation.Order(StringComparer.Ordinal)
            : fixture["errorFields"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal);
        var actual = errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_hidden_value_the_viewer_would_have_dropped_is_refused()
    {
        var schema = FormSchema.Load(Path.Combine(SchemasDirectory, "consulate-decision.form"));
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(ViewerDirectory, "consulate-decision.viewer.json")))!.AsArray()[0]!;
        var submitted = fixture["submitted"]!.AsObject();
        submitted["reason"] = "smuggled past the hidden field";

        var errors = new FormValidator().Validate(schema, submitted);

        Assert.Equal(["reason: must not be submitted: the field is hidden"], errors.Select(e => e.ToString()));
    }
}
