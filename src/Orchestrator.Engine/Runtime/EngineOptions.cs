using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime;

/// <summary>Engine settings.</summary>
public sealed class EngineOptions
{
    /// <summary>How many element steps one command may run before the instance is stopped with an incident (a loop guard).</summary>
    public int StepBudget { get; init; } = 10_000;

    /// <summary>Back-off before the 1st, 2nd, … retry of a failed job; the last one repeats.</summary>
    public IReadOnlyList<TimeSpan> RetryBackoff { get; init; } = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>FEEL limits.</summary>
    public FeelLimits? FeelLimits { get; init; }

    /// <summary>
    /// The time zone (IANA id, or a Windows id the system knows) of date-times written without an offset: timer
    /// <c>timeDate</c>s and cycle starts, <c>orc:dueDate</c>/<c>orc:followUpDate</c>, <c>orc:escalateAfter</c> dates, and
    /// FEEL dates and date-times without a zone used as due dates. Daylight saving time follows the zone's rules.
    /// </summary>
    public string TimeZone { get; init; } = "America/Mexico_City";
}
