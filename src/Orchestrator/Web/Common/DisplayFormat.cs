using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;

namespace Orchestrator.Web.Common;

/// <summary>
/// Dates and times as the pages show them: in the organisation's time zone (<c>Organisation:TimeZone</c>), in the page's
/// language ("7 dic 2026", "14:30"), and a deadline in words beside its date ("vence en 3 días", "venció hace 2 días").
/// Days are counted as calendar days in the organisation's time zone, so "hoy" means the same day for everyone.
/// </summary>
public sealed class DisplayFormat(IOptions<OrganisationOptions> organisation, TimeProvider time, IStringLocalizer<SharedText> text)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(organisation.Value.TimeZone);

    /// <summary>The organisation's time zone.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>Now, in the organisation's time zone.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    /// <summary>Today in the organisation's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>An instant in the organisation's time zone.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The local date-time with its offset.</returns>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>A date: "7 dic 2026" / "7 Dec 2026".</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public string Date(DateTimeOffset instant) => Local(instant).ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A date without a time of day: "7 dic 2026".</summary>
    /// <param name="date">The date.</param>
    /// <returns>The text.</returns>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A date and 24-hour time: "7 dic 2026, 14:30".</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public string DateTime(DateTimeOffset instant) => Local(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable form for a <c>time</c> element's <c>datetime</c> attribute.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>ISO 8601 with the organisation's offset.</returns>
    public string Iso(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture);

    /// <summary>Calendar days from today to <paramref name="instant"/>'s day (negative: in the past).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The days.</returns>
    public int DaysFromToday(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime).DayNumber - Today.DayNumber;

    /// <summary>Whether a deadline has passed.</summary>
    /// <param name="due">The deadline.</param>
    /// <returns><c>true</c> when it is in the past.</returns>
    public bool IsOverdue(DateTimeOffset due) => due < time.GetUtcNow();

    /// <summary>A deadline in words: "vence hoy", "vence mañana", "vence en 3 días", "venció ayer", "venció hace 2 días".</summary>
    /// <param name="due">The deadline.</param>
    /// <returns>The words.</returns>
    public string DueInWords(DateTimeOffset due)
    {
        var days = DaysFromToday(due);
        if (IsOverdue(due))
        {
            return days switch
            {
                >= 0 => text["Due_OverdueToday"],
                -1 => text["Due_OverdueYesterday"],
                _ => text["Due_OverdueDays", -days],
            };
        }

        return days switch
        {
            <= 0 => text["Due_Today"],
            1 => text["Due_Tomorrow"],
            _ => text["Due_InDays", days],
        };
    }
}
