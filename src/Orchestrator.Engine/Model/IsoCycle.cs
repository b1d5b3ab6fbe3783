using System.Globalization;

namespace Orchestrator.Engine.Model;

/// <summary>
/// An ISO 8601 repeating interval, as a timer cycle. With a <see cref="Start"/>, occurrences are
/// <c>Start</c>, <c>Start + Interval</c>, … (<see cref="Repetitions"/> of them); a timer created after
/// some of them only fires the ones still to come, like Camunda. Without one, the first occurrence is
/// one interval after the timer is created. Nothing falls due after <see cref="End"/>.
/// </summary>
/// <param name="Repetitions">How many times the timer fires in all; <c>null</c> repeats forever.</param>
/// <param name="Start">When the first occurrence falls due; <c>null</c> means one interval after the timer is created.</param>
/// <param name="Interval">The time between occurrences.</param>
/// <param name="End">No occurrence after this instant (the <c>R/duration/end</c> form); <c>null</c> for no end.</param>
public sealed record IsoCycle(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval, DateTimeOffset? End)
{
    /// <summary>The first due instant for a timer created at <paramref name="created"/>; <c>null</c> when it never fires (<c>R0</c>, or every occurrence is past or after the end).</summary>
    /// <param name="created">When the timer was created (the element was entered, the process deployed).</param>
    /// <returns>The first due instant, or <c>null</c>.</returns>
    public DateTimeOffset? FirstDue(DateTimeOffset created)
    {
        if (Repetitions == 0)
        {
            return null;
        }

        DateTimeOffset due;
        if (Start is { } start)
        {
            if (FirstAtOrAfter(start, created) is not { } first || (Repetitions is { } n && first.Index >= n))
            {
                return null;
            }

            due = first.Due;
        }
        else if (Add(created) is { } next)
        {
            due = next;
        }
        else
        {
            return null;
        }

        return End is { } end && due > end ? null : due;
    }

    /// <summary>The occurrence after one that fell due; <c>null</c> when the cycle is over.</summary>
    /// <param name="previousDue">When the previous occurrence fell due.</param>
    /// <param name="firedSoFar">How many occurrences have fallen due, the previous one included (used when there is no <see cref="Start"/>; with one, the position in the schedule counts).</param>
    /// <returns>The next due instant, or <c>null</c>.</returns>
    public DateTimeOffset? NextDue(DateTimeOffset previousDue, int firedSoFar)
    {
        if (Repetitions is { } n)
        {
            long done = firedSoFar;
            if (Start is { } start && FirstAtOrAfter(start, previousDue) is { } position)
            {
                done = position.Index + 1;
            }

            if (done >= n)
            {
                return null;
            }
        }

        return Add(previousDue) is { } due && !(End is { } end && due > end) ? due : null;
    }

    /// <summary>Every due instant in order, for a timer created at <paramref name="created"/> (infinite for <c>R/…</c> without end).</summary>
    /// <param name="created">When the timer was created.</param>
    /// <returns>The due instants, lazily.</returns>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset created)
    {
        var due = FirstDue(created);
        var fired = 0;
        while (due is { } d)
        {
            yield return d;
            fired++;
            due = NextDue(d, fired);
        }
    }

    /// <summary>
    /// The cycle as ISO 8601 text with its start or end as an instant with its offset, so that reading it again
    /// gives the same schedule whatever default zone the reader uses.
    /// </summary>
    public override string ToString()
    {
        var r = "R" + (Repetitions is { } n ? n.ToString(CultureInfo.InvariantCulture) : string.Empty);
        static string At(DateTimeOffset d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        return Start is { } s ? $"{r}/{At(s)}/{Interval}"
            : End is { } e ? $"{r}/{Interval}/{At(e)}"
            : $"{r}/{Interval}";
    }

    private DateTimeOffset? Add(DateTimeOffset instant)
    {
        var next = Interval.AddTo(instant);
        return next == DateTimeOffset.MaxValue ? null : next; // beyond year 9999
    }

    /// <summary>The first occurrence of the schedule from <paramref name="start"/> at or after <paramref name="instant"/>, and its 0-based index.</summary>
    private (DateTimeOffset Due, long Index)? FirstAtOrAfter(DateTimeOffset start, DateTimeOffset instant)
    {
        if (instant <= start)
        {
            return (start, 0);
        }

        if (Interval.Years == 0 && Interval.Months == 0)
        {
            // Fixed length (days are 24 hours on the UTC time line): arithmetic, not a loop.
            var step = TimeSpan.FromDays(Interval.Days) + Interval.Time;
            var k = ((instant - start).Ticks + step.Ticks - 1) / step.Ticks;
            try
            {
                return (start + TimeSpan.FromTicks(checked(k * step.Ticks)), k);
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        // Calendar months: at most twelve steps a year.
        var due = start;
        long index = 0;
        while (due < instant)
        {
            if (Add(due) is not { } next)
            {
                return null;
            }

            due = next;
            index++;
        }

        return (due, index);
    }
}
