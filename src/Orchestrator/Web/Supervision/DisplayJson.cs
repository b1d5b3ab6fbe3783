using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// A variable's value as a person reads it on a page: JSON with accents and symbols as they are ("Tapachula, Chiapas",
/// not "\u00E1"). Safe because the page encodes it as HTML text (Razor); never written into a script.
/// </summary>
public static class DisplayJson
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value as readable JSON (<c>null</c> for none).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Of(JsonNode? value) => value?.ToJsonString(Readable) ?? "null";
}
