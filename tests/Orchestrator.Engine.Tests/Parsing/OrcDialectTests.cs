using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Parsing;

namespace Orchestrator.Engine.Tests.Parsing;

/// <summary>
/// The designer's moddle descriptor (<c>src/Orchestrator/Designer/orc-moddle.json</c>) and the parser describe the same
/// dialect: every <c>orc:</c> attribute and extension element the parser reads is in the descriptor, with a description,
/// and the descriptor lists nothing the parser ignores.
/// </summary>
public class OrcDialectTests
{
    private static string DescriptorPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Orchestrator", "Designer", "orc-moddle.json"));

    private static JsonObject Descriptor() => JsonNode.Parse(File.ReadAllText(DescriptorPath()))!.AsObject();

    private static IEnumerable<JsonObject> Types(JsonObject descriptor) => descriptor["types"]!.AsArray().Select(t => t!.AsObject());

    private static bool IsExtensionElement(JsonObject type) => type["superClass"] is JsonArray s && s.Any(x => (string?)x == "Element");

    [Fact]
    public void The_descriptor_is_a_bpmn_js_moddle_extension_for_the_orc_namespace()
    {
        var d = Descriptor();
        Assert.Equal("Orchestrator", (string?)d["name"]);
        Assert.Equal("orc", (string?)d["prefix"]);
        Assert.Equal(BpmnParser.OrchestratorNamespace, (string?)d["uri"]);
        Assert.Equal("lowerCase", (string?)d["xml"]!["tagAlias"]);
        Assert.All(Types(d), t => Assert.True(t["extends"] is JsonArray { Count: > 0 } || IsExtensionElement(t), $"type {t["name"]} neither extends a BPMN type nor is an extension element"));
    }

    [Fact]
    public void Every_attribute_the_parser_reads_is_described_and_nothing_else()
    {
        var described = Types(Descriptor()).Where(t => !IsExtensionElement(t))
            .SelectMany(t => t["properties"]!.AsArray().Select(p => p!.AsObject()))
            .ToList();
        Assert.All(described, p => Assert.True(p["isAttr"]?.GetValue<bool>() == true, $"orc:{p["name"]} is not an attribute (isAttr)"));
        Assert.All(described, p => Assert.False(string.IsNullOrWhiteSpace((string?)p["description"]), $"orc:{p["name"]} has no description"));
        var names = described.Select(p => (string)p["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(OrcDialect.Attributes.Except(names).Select(n => "not in orc-moddle.json: orc:" + n));
        Assert.Empty(names.Except(OrcDialect.Attributes).Select(n => "the parser does not read: orc:" + n));
    }

    [Fact]
    public void Every_extension_element_the_parser_reads_is_described_with_its_attributes()
    {
        var elements = Types(Descriptor()).Where(IsExtensionElement)
            .ToDictionary(t => ((string)t["name"]!).ToLowerInvariant(), t => t, StringComparer.Ordinal);
        Assert.Equal(OrcDialect.ExtensionElements.Keys.Order(StringComparer.Ordinal), elements.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, attributes) in OrcDialect.ExtensionElements)
        {
            var type = elements[name];
            Assert.False(string.IsNullOrWhiteSpace((string?)type["description"]), $"orc:{name} has no description");
            var properties = type["properties"]!.AsArray().Select(p => p!.AsObject()).ToList();
            Assert.Equal(attributes.Order(StringComparer.Ordinal), properties.Select(p => (string)p["name"]!).Order(StringComparer.Ordinal));
            Assert.All(properties, p => Assert.False(string.IsNullOrWhiteSpace((string?)p["description"]), $"orc:{name} {p["name"]} has no description"));
        }
    }

    [Fact]
    public void The_parser_names_orc_attributes_only_through_the_dialect_list()
    {
        Assert.Equal(OrcDialect.Reminder, OrcDialect.Known("reminder"));
        var e = Assert.Throws<InvalidOperationException>(() => OrcDialect.Known("remindMe"));
        Assert.Contains("orc-moddle.json", e.Message, StringComparison.Ordinal);

        // Every orc attribute on a fixture that uses them all parses without an unknown-attribute warning.
        var xml = BpmnFixtures.Read("Execution", "task-reminders.bpmn");
        var parsed = BpmnParser.Parse(xml, "task-reminders.bpmn");
        Assert.DoesNotContain(parsed.Problems, p => p.Code == ParseCodes.UnknownAttribute);
    }
}
