using System.Text.Json;
using Orchestrator.Cases.Sensitive;

namespace Orchestrator.Tests.Cases;

/// <summary>Looks for sensitive values in API answers: by value (text that must not appear) and by name (properties that must hold a marker).</summary>
internal static class SensitiveAnswers
{
    /// <summary>The names of properties that hold sensitive data in these tests' answers.</summary>
    public static readonly string[] SensitiveNames = ["hivStatus", "sexualExploitationHistory", "traffickingVictim", "carePlan"];

    /// <summary>Fails naming the answer when it holds one of <paramref name="values"/>, or a sensitive property whose value is not a marker.</summary>
    public static void AssertNothingSensitive(string what, string body, IEnumerable<string> values, IEnumerable<string>? names = null)
    {
        foreach (var value in values)
        {
            Assert.False(body.Contains(value, StringComparison.Ordinal), $"{what} shows '{value}': {body}");
        }

        if (body.Length == 0)
        {
            return;
        }

        var problems = new List<string>();
        Walk(JsonDocument.Parse(body).RootElement, "$", [.. names ?? SensitiveNames], problems);
        Assert.True(problems.Count == 0, $"{what}: {string.Join("; ", problems)}");
    }

    /// <summary>Whether a JSON value is the restricted marker.</summary>
    public static bool IsMarker(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(SensitiveMarker.Property, out var r) && r.ValueKind == JsonValueKind.True;

    private static void Walk(JsonElement element, string path, HashSet<string> names, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (names.Contains(p.Name) && !IsMarker(p.Value))
                    {
                        problems.Add($"{path}.{p.Name} is {p.Value.GetRawText()}, not the restricted marker");
                    }

                    // A history entry names the variable and carries its value.
                    if (p.Name == "name" && p.Value.ValueKind == JsonValueKind.String && names.Contains(p.Value.GetString()!)
                        && element.TryGetProperty("value", out var value) && !IsMarker(value))
                    {
                        problems.Add($"{path}.value of {p.Value.GetString()} is {value.GetRawText()}, not the restricted marker");
                    }

                    Walk(p.Value, $"{path}.{p.Name}", names, problems);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", names, problems);
                }

                break;
        }
    }
}
