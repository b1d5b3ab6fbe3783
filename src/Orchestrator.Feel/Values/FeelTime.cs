using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>A FEEL time of day: local, with a UTC offset, or with an IANA zone id.</summary>
public sealed class FeelTime : FeelValue
{
    internal FeelTime(TimeSpan timeOfDay, TimeSpan? offset, string? zone)
    {
        TimeOfDay = timeOfDay;
        Offset = offset;
        Zone = zone;
    }

    /// <summary>The time since midnight (less than 24 hours).</summary>
    public TimeSpan TimeOfDay { get; }

    /// <summary>The UTC offset; null for a local time and for a time with a zone id (its offset depends on a date).</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, when the time was given with one.</summary>
    public string? Zone { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Time;

    /// <summary>A local time.</summary>
    /// <param name="timeOfDay">Time since midnight; reduced modulo 24 hours.</param>
    /// <param name="offset">Optional UTC offset.</param>
    /// <returns>The time.</returns>
    public static FeelTime Create(TimeSpan timeOfDay, TimeSpan? offset = null) => new(TemporalMath.WrapDay(timeOfDay), offset, null);

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.Time(this));
}
