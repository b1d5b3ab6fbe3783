namespace Orchestrator.Engine.Runtime;

/// <summary>A clock that only moves when told to: for simulation and tests (no sleeping).</summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;

    /// <summary>Creates the clock at a given instant.</summary>
    /// <param name="start">The start instant.</param>
    public VirtualTimeProvider(DateTimeOffset start) => _now = start;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _now;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward (never back).</summary>
    /// <param name="to">The new instant.</param>
    public void SetUtcNow(DateTimeOffset to)
    {
        if (to > _now)
        {
            _now = to;
        }
    }

    /// <summary>Moves the clock forward by a span.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by) => SetUtcNow(_now + by);
}
