using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel;

/// <summary>
/// A FEEL value. Values are immutable. <see cref="Equals(FeelValue?)"/> is FEEL equality
/// (<c>1 = 1.0</c>; values of different kinds are never equal).
/// </summary>
public abstract class FeelValue : IEquatable<FeelValue>
{
    private protected FeelValue()
    {
    }

    /// <summary>The kind of this value.</summary>
    public abstract FeelValueKind Kind { get; }

    /// <summary>True for <see cref="FeelNull"/>.</summary>
    public bool IsNull => Kind == FeelValueKind.Null;

    /// <summary>FEEL equality: true only when FEEL's <c>=</c> gives true.</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether the values are equal.</returns>
    public bool Equals(FeelValue? other) => other is not null && FeelComparer.AreEqual(this, other) == true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FeelValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => FeelComparer.Hash(this);

    /// <summary>
    /// The JSON form of the command-line contract: numbers, strings, booleans, null, arrays, objects;
    /// dates <c>"2026-01-31"</c>, times and date-times ISO 8601 (a zone is written FEEL's way,
    /// <c>@America/Mexico_City</c>), durations <c>"P1DT2H"</c> / <c>"P1Y2M"</c>, ranges as their
    /// FEEL text (<c>"[1..10]"</c>), functions as null.
    /// </summary>
    /// <returns>The JSON node; null for FEEL null and functions.</returns>
    public abstract JsonNode? ToJson();

    /// <summary>The FEEL text of the value, as the <c>string()</c> function writes it for scalars.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ValueText.Format(this);

    /// <summary>Converts JSON to FEEL: numbers become decimals, strings stay strings, objects become contexts.</summary>
    /// <param name="node">The JSON node (null is FEEL null).</param>
    /// <returns>The FEEL value; numbers beyond the decimal range become null.</returns>
    public static FeelValue FromJson(JsonNode? node) => ValueJson.FromJson(node);

    /// <summary>A boolean value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The cached FEEL boolean.</returns>
    public static FeelBoolean From(bool value) => FeelBoolean.Of(value);

    /// <summary>A number value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL number.</returns>
    public static FeelNumber From(decimal value) => new(value);

    /// <summary>A number value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL number.</returns>
    public static FeelNumber From(int value) => new(value);

    /// <summary>A number value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL number.</returns>
    public static FeelNumber From(long value) => new(value);

    /// <summary>A number from a double (through its shortest round-trip text); NaN and infinities become null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL number, or null.</returns>
    public static FeelValue From(double value) =>
        double.IsFinite(value) && decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? new FeelNumber(d)
            : FeelNull.Instance;

    /// <summary>A string value; a null reference gives FEEL null.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL string or null.</returns>
    public static FeelValue From(string? value) => value is null ? FeelNull.Instance : new FeelString(value);

    /// <summary>A date value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL date.</returns>
    public static FeelDate From(DateOnly value) => new(value);

    /// <summary>A date and time with an offset.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL date and time.</returns>
    public static FeelDateTime From(DateTimeOffset value) => FeelDateTime.WithOffset(value.DateTime, value.Offset);

    /// <summary>A local date and time (no offset) from <see cref="DateTime.Kind"/> Unspecified or Local; UTC gets offset Z.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL date and time.</returns>
    public static FeelDateTime From(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? FeelDateTime.WithOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero) : FeelDateTime.Local(DateTime.SpecifyKind(value, DateTimeKind.Unspecified));

    /// <summary>A days-and-time duration.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The FEEL duration.</returns>
    public static FeelDaysTimeDuration From(TimeSpan value) => new(value);

    /// <summary>A list value.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The FEEL list.</returns>
    public static FeelList From(IEnumerable<FeelValue> items) => new(items);
}
