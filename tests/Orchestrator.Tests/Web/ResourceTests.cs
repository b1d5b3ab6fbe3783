using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Web;

/// <summary>Every string of the pages is in a resource file, in Spanish (the neutral file) and in English.</summary>
public sealed partial class ResourceTests
{
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "src", "Orchestrator"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ApiFactory.RepositoryRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_Spanish_string_has_its_English_one_and_the_same_placeholders(string spanishFile)
    {
        var spanish = Read(Path.Combine(ApiFactory.RepositoryRoot, spanishFile));
        var englishFile = Path.ChangeExtension(Path.Combine(ApiFactory.RepositoryRoot, spanishFile), ".en.resx");
        Assert.True(File.Exists(englishFile), $"{spanishFile} has no English file beside it ({Path.GetFileName(englishFile)}).");
        var english = Read(englishFile);

        Assert.Empty(spanish.Keys.Except(english.Keys).Select(k => $"{spanishFile}: '{k}' has no English text"));
        Assert.Empty(english.Keys.Except(spanish.Keys).Select(k => $"{spanishFile}: '{k}' is only in English"));
        foreach (var (key, text) in spanish)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{spanishFile}: '{key}' is empty");
            Assert.False(string.IsNullOrWhiteSpace(english[key]), $"{spanishFile}: '{key}' is empty in English");
            Assert.Equal(Placeholders(text), Placeholders(english[key]));
        }
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
