namespace Orchestrator.Feel.Temporal;

/// <summary>IANA zone lookup and the mapping of wall-clock times to offsets.</summary>
internal static class Zones
{
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        if (id is "Z" or "UTC" or "Etc/UTC" or "GMT")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        // Only region ids: the platform also accepts Windows names, which FEEL does not know.
        if (id.Length == 0 || id.Length > 64 || !(id.Contains('/', StringComparison.Ordinal) || id.StartsWith("Etc", StringComparison.Ordinal)))
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }

    /// <summary>The offset of a wall-clock time in a zone; gaps move forward, overlaps take the earlier instant.</summary>
    public static (DateTime Local, TimeSpan Offset) Resolve(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Interpret with the offset in force before the gap, then read the instant back.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            var instant = new DateTimeOffset(local, before);
            var converted = TimeZoneInfo.ConvertTime(instant, zone);
            return (converted.DateTime, converted.Offset);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var max = offsets[0];
            foreach (var o in offsets)
            {
                if (o > max)
                {
                    max = o;
                }
            }

            return (local, max);
        }

        return (local, zone.GetUtcOffset(local));
    }
}
