using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime.Timers;

/// <summary>Timer values to due times, with the ISO 8601 rules of <see cref="IsoTimer"/> (the validator's).</summary>
internal static class TimerMath
{
    /// <summary>Plans a timer from an evaluated FEEL value; date-times without an offset are wall-clock time in <paramref name="zone"/>.</summary>
    public static bool TryPlan(TimerKind kind, FeelValue value, DateTimeOffset now, TimeZoneInfo zone, out TimerPlan plan, out string error)
    {
        plan = default;
        error = "";
        switch (value)
        {
            case FeelString s:
                return TryPlan(kind, s.Value, now, zone, out plan, out error);
            case FeelDaysTimeDuration dur when kind == TimerKind.Cycle:
                return TryPlan(kind, "R/" + System.Xml.XmlConvert.ToString(dur.Value), now, zone, out plan, out error);
            case FeelYearsMonthsDuration ym when kind == TimerKind.Cycle:
                return TryPlan(kind, "R/" + ym.ToJson()!.GetValue<string>(), now, zone, out plan, out error);
            default:
                if (DateOrDuration(value, now, zone) is { } due)
                {
                    plan = new TimerPlan(due, 0, null);
                    return true;
                }

                error = $"A {kind.ToString().ToLowerInvariant()} timer cannot use the value {value}.";
                return false;
        }
    }

    /// <summary>
    /// Plans a timer from ISO 8601 text; date-times without an offset are wall-clock time in <paramref name="zone"/>. A
    /// cycle with a start or end is kept with that instant written out (<see cref="IsoCycle.ToString"/>), so its later
    /// occurrences do not depend on the zone setting of whoever computes them.
    /// </summary>
    public static bool TryPlan(TimerKind kind, string text, DateTimeOffset now, TimeZoneInfo zone, out TimerPlan plan, out string error)
    {
        plan = default;
        error = "";
        switch (kind)
        {
            case TimerKind.Date:
                if (IsoTimer.TryParseDateTime(text, zone, out var at))
                {
                    plan = new TimerPlan(at, 0, null);
                    return true;
                }

                error = $"'{text}' is not an ISO 8601 date-time.";
                return false;
            case TimerKind.Duration:
                if (IsoTimer.TryParseDuration(text, out var d))
                {
                    plan = new TimerPlan(d.AddTo(now), 0, null);
                    return true;
                }

                error = $"'{text}' is not an ISO 8601 duration.";
                return false;
            default:
                if (!IsoTimer.TryParseCycle(text, zone, out var cycle) || cycle.Interval.IsZero)
                {
                    error = $"'{text}' is not an ISO 8601 repeating interval such as R3/P2D or R/P14D.";
                    return false;
                }

                plan = cycle.FirstDue(now) is { } first
                    ? new TimerPlan(first, cycle.Repetitions is { } n ? n - 1 : -1, cycle.Start is null && cycle.End is null ? text.Trim() : cycle.ToString())
                    : new TimerPlan(now, 0, null, Never: true);
                return true;
        }
    }

    /// <summary>The next occurrence of a cycle, or <c>null</c> when it is over.</summary>
    /// <param name="cycleText">The cycle (<c>R3/P2D</c>).</param>
    /// <param name="previousDue">When the occurrence that just fired fell due.</param>
    /// <param name="remainingAfterPrevious">Repetitions left after that one (-1: unbounded).</param>
    public static DateTimeOffset? Next(string cycleText, DateTimeOffset previousDue, int remainingAfterPrevious)
    {
        if (!IsoTimer.TryParseCycle(cycleText, out var cycle))
        {
            return null;
        }

        var fired = cycle.Repetitions is { } n ? n - remainingAfterPrevious : 1;
        return cycle.NextDue(previousDue, fired);
    }

    /// <summary>
    /// The next occurrence of a cycle that is still ahead of <paramref name="now"/>, and the repetitions left after it;
    /// <c>null</c> when the cycle is over. Occurrences missed while nothing fired (the host was down, a timer fired late)
    /// are skipped and count as used: the late firing stands for them, so a journey does not get a burst of reminders
    /// or meetings at once, and the schedule keeps its grid.
    /// </summary>
    /// <param name="cycleText">The cycle (<c>R3/P2D</c>).</param>
    /// <param name="previousDue">When the occurrence that just fired fell due.</param>
    /// <param name="remainingAfterPrevious">Repetitions left after that one (-1: unbounded).</param>
    /// <param name="now">The current instant.</param>
    public static (DateTimeOffset Due, int RemainingAfter)? NextAfter(string cycleText, DateTimeOffset previousDue, int remainingAfterPrevious, DateTimeOffset now)
    {
        var due = previousDue;
        var left = remainingAfterPrevious;
        for (var i = 0; i < 1_000_000 && left != 0; i++)
        {
            if (Next(cycleText, due, left) is not { } next)
            {
                return null;
            }

            var leftAfter = left > 0 ? left - 1 : -1;
            if (next > now)
            {
                return (next, leftAfter);
            }

            due = next;
            left = leftAfter;
        }

        return null;
    }

    /// <summary>
    /// Reads a due or follow-up date: a date-time (without offset or zone: wall-clock time in <paramref name="zone"/>; a
    /// date: its midnight there), or a duration from <paramref name="now"/>.
    /// </summary>
    public static DateTimeOffset? DateOrDuration(FeelValue value, DateTimeOffset now, TimeZoneInfo zone) => value switch
    {
        FeelDateTime { IsExtendedYear: true } or FeelDate { IsExtendedYear: true } => null, // a year outside 1-9999 is no due date
        FeelDateTime dt => dt.Instant ?? IsoTimer.InZone(dt.LocalDateTime, zone),
        FeelDate d => IsoTimer.InZone(d.Value.ToDateTime(TimeOnly.MinValue), zone),
        FeelDaysTimeDuration dur => now + dur.Value,
        FeelYearsMonthsDuration ym => now.AddMonths(ym.TotalMonths),
        FeelString s => DateOrDuration(s.Value, now, zone),
        _ => null,
    };

    /// <summary>Reads a due or follow-up date from text: an ISO 8601 date-time (see <see cref="IsoTimer.TryParseDateTime(string?, TimeZoneInfo?, out DateTimeOffset)"/>), or a duration from <paramref name="now"/>.</summary>
    public static DateTimeOffset? DateOrDuration(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (IsoTimer.TryParseDuration(text, out var d))
        {
            return d.AddTo(now);
        }

        return IsoTimer.TryParseDateTime(text, zone, out var at) ? at : null;
    }
}
