using System.Text.Json.Nodes;

namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// What stands where a sensitive value was, for a reader who may not see it: in JSON the object
/// <c>{"restricted": true, "category": "sexual-health"}</c> (whatever the value was, even none, so that nothing can be
/// told from it), in text <see cref="Text"/>. Pages show it as "Información restringida".
/// </summary>
public static class SensitiveMarker
{
    /// <summary>The JSON property that says a value is restricted.</summary>
    public const string Property = "restricted";

    /// <summary>What replaces a restricted value inside free text (an incident message, a history detail).</summary>
    public const string Text = "[restricted]";

    /// <summary>The marker of a value of <paramref name="category"/>.</summary>
    /// <param name="category">The category.</param>
    public static JsonObject For(string category) => new() { [Property] = true, ["category"] = category };

    /// <summary>Whether a JSON value is a marker.</summary>
    /// <param name="node">The value.</param>
    public static bool IsMarker(JsonNode? node) =>
        node is JsonObject o && o[Property] is JsonValue v && v.TryGetValue<bool>(out var restricted) && restricted;
}
