using System.Text.Json.Nodes;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel;

/// <summary>
/// A FEEL date. Years 1-9999 are held as they are; a year outside them (FEEL's dates go from -999,999,999 to
/// 999,999,999) is held as the same day of the Gregorian calendar's 400-year cycle in the years 2000-2399, plus a
/// count of cycles (the calendar, leap years and weekdays repeat every 400 years exactly), so that every date
/// operation works on a <see cref="DateOnly"/>. <see cref="Year"/> is the real year.
/// </summary>
/// <param name="value">The date.</param>
public sealed class FeelDate(DateOnly value) : FeelValue
{
    /// <summary>The CLR value; for a year outside 1-9999, the day of the same position in the years 2000-2399.</summary>
    public DateOnly Value { get; } = value;

    /// <summary>The real year (<c>-2021</c>, <c>999999999</c>).</summary>
    public int Year => (int)(Value.Year + (Eras.CycleYears * Cycles));

    /// <summary>Whether the year is outside 1-9999 (then <see cref="Value"/> is not the real date).</summary>
    public bool IsExtendedYear => Cycles != 0;

    /// <summary>The 400-year cycles <see cref="Value"/> is shifted by; 0 for the years 1-9999.</summary>
    internal long Cycles { get; init; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Date;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(TemporalFormat.Date(this));
}
