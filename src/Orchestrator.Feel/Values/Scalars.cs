using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel;

/// <summary>FEEL <c>null</c>; one instance.</summary>
public sealed class FeelNull : FeelValue
{
    private FeelNull()
    {
    }

    /// <summary>The one null value.</summary>
    public static FeelNull Instance { get; } = new();

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Null;

    /// <inheritdoc />
    public override JsonNode? ToJson() => null;
}

/// <summary>A FEEL boolean; two instances, <see cref="True"/> and <see cref="False"/>.</summary>
public sealed class FeelBoolean : FeelValue
{
    private FeelBoolean(bool value) => Value = value;

    /// <summary><c>true</c>.</summary>
    public static FeelBoolean True { get; } = new(true);

    /// <summary><c>false</c>.</summary>
    public static FeelBoolean False { get; } = new(false);

    /// <summary>The CLR value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Boolean;

    /// <summary>The cached instance for a CLR boolean.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see cref="True"/> or <see cref="False"/>.</returns>
    public static FeelBoolean Of(bool value) => value ? True : False;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(Value);
}

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

/// <summary>A FEEL string.</summary>
/// <param name="value">The value.</param>
public sealed class FeelString(string value) : FeelValue
{
    /// <summary>The empty string.</summary>
    public static FeelString Empty { get; } = new(string.Empty);

    /// <summary>The CLR value.</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.String;

    /// <inheritdoc />
    public override JsonNode? ToJson() => JsonValue.Create(Value);
}
