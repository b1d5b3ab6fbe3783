using System.Globalization;

namespace Orchestrator.Engine.Model;

/// <summary>An ISO 8601 duration: calendar years, months and days, and an exact time of day part.</summary>
/// <param name="Years">Calendar years.</param>
/// <param name="Months">Calendar months.</param>
/// <param name="Days">Calendar days (weeks are counted as 7 days).</param>
/// <param name="Time">Hours, minutes and seconds.</param>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    /// <summary>Whether every part is zero (<c>PT0S</c>).</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>
    /// Adds the duration to an instant: years, then months, then days (calendar arithmetic), then the time
    /// part. A result beyond the year 9999 is <see cref="DateTimeOffset.MaxValue"/> (a timer that never fires), not an exception.
    /// </summary>
    /// <param name="instant">The instant to start from.</param>
    /// <returns>The instant the duration later.</returns>
    public DateTimeOffset AddTo(DateTimeOffset instant)
    {
        try
        {
            return instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var date = (Years > 0 ? $"{Years}Y" : string.Empty) + (Months > 0 ? $"{Months}M" : string.Empty) + (Days > 0 ? $"{Days}D" : string.Empty);
        var whole = (long)Time.TotalHours;
        var time = (whole > 0 ? $"{whole}H" : string.Empty) + (Time.Minutes > 0 ? $"{Time.Minutes}M" : string.Empty)
            + (Time.Seconds > 0 || Time.Milliseconds > 0 ? $"{(Time.Seconds + (Time.Milliseconds / 1000m)).ToString(CultureInfo.InvariantCulture)}S" : string.Empty);
        return "P" + date + (time.Length > 0 ? "T" + time : string.Empty) + (date.Length == 0 && time.Length == 0 ? "T0S" : string.Empty);
    }
}
