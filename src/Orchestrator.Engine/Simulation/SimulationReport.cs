using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Simulation;

/// <summary>
/// What <c>simulate</c> prints: the trace of everything that happened on the virtual clock, the instance's
/// final state, and every expectation that did not hold. <see cref="Passed"/> decides the exit code.
/// </summary>
public sealed record SimulationReport
{
    /// <summary>Everything that happened, in order.</summary>
    [JsonPropertyName("trace")]
    public required IReadOnlyList<TraceEntry> Trace { get; init; }

    /// <summary>Elements waiting at the end.</summary>
    [JsonPropertyName("active")]
    public required IReadOnlyList<string> Active { get; init; }

    /// <summary>Whether the instance ended.</summary>
    [JsonPropertyName("ended")]
    public required bool Ended { get; init; }

    /// <summary>The process variables at the end.</summary>
    [JsonPropertyName("variables")]
    public required JsonObject Variables { get; init; }

    /// <summary>Incidents open at the end.</summary>
    [JsonPropertyName("incidents")]
    public required IReadOnlyList<IncidentEntry> Incidents { get; init; }

    /// <summary>Every expectation or step that failed, as <c>step N: …</c>.</summary>
    [JsonPropertyName("failures")]
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>Whether every step ran and every expectation held.</summary>
    [JsonIgnore]
    public bool Passed => Failures.Count == 0;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new UtcInstantConverter() },
    };

    /// <summary>The report as <c>simulate</c> prints it: <c>{"trace","active","ended","variables","incidents","failures"}</c>, instants in UTC with a <c>Z</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Writes instants as <c>2026-01-01T09:00:00Z</c>, the form scenarios are written in.</summary>
    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(value.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
