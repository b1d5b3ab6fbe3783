using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>
/// A FEEL date and time: local (no offset), with a fixed UTC offset, or in an IANA zone (whose offset
/// is worked out from the zone's rules at that local time, DST included).
/// </summary>
public sealed class FeelDateTime : FeelValue
{
    private FeelDateTime(DateTime local, TimeSpan? offset, string? zone)
    {
        LocalDateTime = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        Offset = offset;
        Zone = zone;
    }

    /// <summary>The wall-clock date and time.</summary>
    public DateTime LocalDateTime { get; }

    /// <summary>The UTC offset; null for a local date and time.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, when the value was given with one.</summary>
    public string? Zone { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.DateTime;

    /// <summary>The instant, when the value has an offset.</summary>
    public DateTimeOffset? Instant => Offset is { } o ? new DateTimeOffset(LocalDateTime, o) : null;

    /// <summary>A local date and time (no offset).</summary>
    /// <param name="local">The wall-clock value.</param>
    /// <returns>The date and time.</returns>
    public static FeelDateTime Local(DateTime local) => new(local, null, null);

    /// <summary>A date and time with a fixed offset.</summary>
    /// <param name="local">The wall-clock value.</param>
    /// <param name="offset">The UTC offset.</param>
    /// <returns>The date and time.</returns>
    public static FeelDateTime WithOffset(DateTime local, TimeSpan offset) => new(local, offset, null);

    /// <summary>
    /// A date and time in a zone. A wall-clock time skipped by a DST change moves forward by the
    /// gap; one that happens twice takes the earlier instant (both as java.time does).
    /// </summary>
    /// <param name="local">The wall-clock value.</param>
    /// <param name="zone">The zone.</param>
    /// <param name="zoneId">The id to keep (as written).</param>
    /// <returns>The date and time.</returns>
    public static FeelDateTime InZone(DateTime local, TimeZoneInfo zone, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (resolved, offset) = Zones.Resolve(local, zone);
        return new(resolved, offset, zoneId);
    }

    /// <summary>The date and time at an instant, seen in a zone.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="zone">The zone.</param>
    /// <param name="zoneId">The id to keep.</param>
    /// <returns>The date and time.</returns>
    public static FeelDateTime AtInstant(DateTimeOffset instant, TimeZoneInfo zone, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var converted = TimeZoneInfo.ConvertTime(instant, zone);
        return new(converted.DateTime, converted.Offset, zoneId);
    }

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.DateTime(this));
}
