using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>
/// A FEEL date and time: local (no offset), with a fixed UTC offset, or in an IANA zone (whose offset
/// is worked out from the zone's rules at that local time, DST included). A year outside 1-9999 is held as in
/// <see cref="FeelDate"/>: the same position in 2000-2399 plus a count of 400-year cycles; <see cref="Year"/> is the
/// real year and <see cref="Instant"/> is then null.
/// </summary>
public sealed class FeelDateTime : FeelValue
{
    private FeelDateTime(DateTime local, TimeSpan? offset, string? zone, long cycles = 0)
    {
        LocalDateTime = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        Offset = offset;
        Zone = zone;
        Cycles = cycles;
    }

    /// <summary>The wall-clock date and time; for a year outside 1-9999, the same position in the years 2000-2399.</summary>
    public DateTime LocalDateTime { get; }

    /// <summary>The real year.</summary>
    public int Year => (int)(LocalDateTime.Year + (Eras.CycleYears * Cycles));

    /// <summary>Whether the year is outside 1-9999 (then <see cref="LocalDateTime"/> is not the real date).</summary>
    public bool IsExtendedYear => Cycles != 0;

    /// <summary>The 400-year cycles <see cref="LocalDateTime"/> is shifted by; 0 for the years 1-9999.</summary>
    internal long Cycles { get; }

    /// <summary>The held value's instant (as if its year were the held one), for arithmetic that keeps the cycles apart.</summary>
    internal DateTimeOffset? HeldInstant => Offset is { } o ? new DateTimeOffset(LocalDateTime, o) : null;

    /// <summary>The UTC offset; null for a local date and time.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, when the value was given with one.</summary>
    public string? Zone { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.DateTime;

    /// <summary>The instant, when the value has an offset and a year in 1-9999.</summary>
    public DateTimeOffset? Instant => Cycles == 0 ? HeldInstant : null;

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

    /// <summary>The value moved to the same place in 2000-2399, with the cycles that undo it (for arithmetic that leaves 1-9999).</summary>
    internal (FeelDateTime Held, long Cycles) Working()
    {
        var (held, cycles) = Eras.Working(LocalDateTime);
        return (new FeelDateTime(held, Offset, Zone), cycles);
    }

    /// <summary>The same value shifted by 400-year cycles, in canonical form; null beyond FEEL's years.</summary>
    internal FeelDateTime? InCycles(long cycles)
    {
        if (Eras.Normalize(LocalDateTime, cycles) is not { } n)
        {
            return null;
        }

        return n.Held == LocalDateTime && n.Cycles == Cycles ? this : new FeelDateTime(n.Held, Offset, Zone, n.Cycles);
    }

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.DateTime(this));
}
