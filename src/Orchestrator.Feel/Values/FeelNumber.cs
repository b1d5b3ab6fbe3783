using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>
/// A FEEL number. FEEL specifies IEEE 754 decimal128 (34 significant digits); this implementation
/// uses .NET <see cref="decimal"/>, which has 28-29 significant digits and a range of about ±7.9e28.
/// Results beyond that range are null with a warning; longer fractions are rounded to 28 digits.
/// </summary>
/// <param name="value">The value.</param>
public sealed class FeelNumber(decimal value) : FeelValue
{
    /// <summary>Zero.</summary>
    public static FeelNumber Zero { get; } = new(0m);

    /// <summary>One.</summary>
    public static FeelNumber One { get; } = new(1m);

    /// <summary>The CLR value.</summary>
    public decimal Value { get; } = value;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Number;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(Normalize(Value));

    /// <summary>The value without trailing fractional zeros (<c>2.50</c> becomes <c>2.5</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The same number with the smallest scale.</returns>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    internal static string Format(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);
}
