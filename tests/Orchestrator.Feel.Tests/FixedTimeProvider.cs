namespace Orchestrator.Feel.Tests;

/// <summary>A clock that stands still at a chosen instant, in a chosen local zone (no static state).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => zone;
}
