using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Designer;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Designer;

/// <summary>
/// The designer's words are complete: every orc: attribute of the moddle descriptor has a label and a help text, every
/// described handler its description and its variables', every key the scripts ask for exists, and the named
/// placeholders ({name}) of the scripts' words are the same in Spanish and English.
/// </summary>
public sealed partial class DesignerTextTests
{
    private static readonly string Folder = Path.Combine(ApiFactory.RepositoryRoot, "src", "Orchestrator", "Web", "Designer");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    [Fact]
    public void Every_orc_attribute_of_the_descriptor_has_a_label_a_help_text_and_a_group_in_the_panel()
    {
        var words = Read("DesignerText.resx");
        var descriptor = JsonNode.Parse(File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "src", "Orchestrator", "Designer", "orc-moddle.json")))!;
        var missing = new List<string>();
        foreach (var type in descriptor["types"]!.AsArray().Select(t => t!.AsObject()).Where(t => t["extends"] is JsonArray))
        {
            Check("OrcGroup_" + (string)type["name"]!);
            foreach (var property in type["properties"]!.AsArray().Select(p => p!.AsObject()))
            {
                var name = (string)property["name"]!;
                Check("Orc_" + name);
                Check("Orc_" + name + "_Help");
                Assert.False(string.IsNullOrEmpty((string?)property["editor"]), $"orc:{name} has no editor hint");
                foreach (var value in property["values"]?.AsArray() ?? [])
                {
                    Check($"Orc_{name}_{(string)value!}");
                }
            }
        }

        Assert.Empty(missing);

        void Check(string key)
        {
            if (!words.ContainsKey(key))
            {
                missing.Add(key);
            }
        }
    }

    [Fact]
    public void Every_described_handler_and_its_variables_have_words()
    {
        var words = Read("DesignerText.resx");
        var keys = HandlerCatalog.Described.SelectMany(h => new[] { "Handler_" + h.Type }
            .Concat(h.Inputs.Select(i => $"Handler_{h.Type}_{i.Name}"))
            .Concat(h.Outputs.Select(o => $"Handler_{h.Type}_{o}")));
        Assert.Empty(keys.Except(words.Keys).Select(k => "missing: " + k));
    }

    [Fact]
    public void Every_word_the_scripts_ask_for_exists_and_named_placeholders_match_in_both_languages()
    {
        var spanish = Read("DesignerText.resx");
        var english = Read("DesignerText.en.resx");
        var scripts = Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "src", "Orchestrator", "ClientApp", "src"), "*.js", SearchOption.AllDirectories)
            .Where(f => f.Contains("designer", StringComparison.Ordinal));
        var asked = scripts.SelectMany(f => AskedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(asked.Count > 100, "the scripts' words were not found");
        Assert.Empty(asked.Where(k => !spanish.ContainsKey(k)).Select(k => "missing: " + k));
        foreach (var (key, text) in spanish)
        {
            Assert.Equal(Named(text), Named(english[key]));
        }
    }

    private static string[] Named(string text) => [.. NamedPlaceholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\bt\('([A-Za-z][A-Za-z0-9_]*)'(?!\s*\+)")]
    private static partial Regex AskedKey();

    [GeneratedRegex(@"\{[a-z][A-Za-z]*\}")]
    private static partial Regex NamedPlaceholder();
}
