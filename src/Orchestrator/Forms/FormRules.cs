using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Forms;

/// <summary>The value rules of form-js (its viewer's Validator and field sanitizers), ported.</summary>
internal static partial class FormRules
{
    /// <summary>How long one regular expression may run on one value.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>form-js's <c>EMAIL_PATTERN</c>.</summary>
    public static readonly Regex Email = new(
        @"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$",
        RegexOptions.ECMAScript | RegexOptions.CultureInvariant,
        RegexTimeout);

    /// <summary>form-js's <c>PHONE_PATTERN</c> (international numbers: <c>+</c> or <c>00</c>, a country code, digits).</summary>
    public static readonly Regex Phone = new(
        @"(\+|00)(297|93|244|1264|358|355|376|971|54|374|1684|1268|61|43|994|257|32|229|226|880|359|973|1242|387|590|375|501|1441|591|55|1246|673|975|267|236|1|61|41|56|86|225|237|243|242|682|57|269|238|506|53|5999|61|1345|357|420|49|253|1767|45|1809|1829|1849|213|593|20|291|212|34|372|251|358|679|500|33|298|691|241|44|995|44|233|350|224|590|220|245|240|30|1473|299|502|594|1671|592|852|504|385|509|36|62|44|91|246|353|98|964|354|972|39|1876|44|962|81|76|77|254|996|855|686|1869|82|383|965|856|961|231|218|1758|423|94|266|370|352|371|853|590|212|377|373|261|960|52|692|389|223|356|95|382|976|1670|258|222|1664|596|230|265|60|262|264|687|227|672|234|505|683|31|47|977|674|64|968|92|507|64|51|63|680|675|48|1787|1939|850|351|595|970|689|974|262|40|7|250|966|249|221|65|500|4779|677|232|503|378|252|508|381|211|239|597|421|386|46|268|1721|248|963|1649|235|228|66|992|690|993|670|676|1868|216|90|688|886|255|256|380|598|1|998|3906698|379|1784|58|1284|1340|84|678|681|685|967|27|260|263)(9[976]\d|8[987530]\d|6[987]\d|5[90]\d|42\d|3[875]\d|2[98654321]\d|9[8543210]|8[6421]|6[6543210]|5[87654321]|4[987654310]|3[9643210]|2[70]|7|1)\d{4,20}$",
        RegexOptions.ECMAScript | RegexOptions.CultureInvariant,
        RegexTimeout);

    /// <summary>
    /// Compiles a <c>validate.pattern</c>. form-js runs <c>new RegExp(pattern).test(value)</c>: not
    /// anchored, JavaScript syntax. ECMAScript mode is tried first (ASCII <c>\d</c>, <c>\w</c> as in
    /// JavaScript); patterns it rejects (lookbehind, <c>\p{…}</c>) fall back to .NET syntax.
    /// </summary>
    public static Regex? CompilePattern(string pattern, out string? error)
    {
        error = null;
        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>form-js's <c>normalizeOptionsData</c>: the option values a select, radio, checklist or taglist offers.</summary>
    public static IReadOnlyList<JsonNode> NormalizeOptions(JsonArray options)
    {
        var values = new List<JsonNode>();
        foreach (var option in options)
        {
            if (IsAllowedPrimitive(option))
            {
                values.Add(option!.DeepClone());
                continue;
            }

            if (option is JsonObject o)
            {
                var value = o["value"];
                var validLabel = o["label"] is JsonValue l && l.GetValueKind() == JsonValueKind.String && l.GetValue<string>().Length > 0;
                if (!validLabel && IsAllowedPrimitive(value))
                {
                    values.Add(value!.DeepClone());
                }
                else if (validLabel && (IsAllowedPrimitive(value) || value is JsonObject { Count: > 0 }))
                {
                    values.Add(value!.DeepClone());
                }
            }
        }

        return values;
    }

    /// <summary>Strings (not empty), numbers and booleans.</summary>
    private static bool IsAllowedPrimitive(JsonNode? node) => node is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>().Length > 0,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => true,
        _ => false,
    };

    /// <summary>Reads a number (or, when allowed, a numeric text in big.js syntax) as a decimal.</summary>
    public static bool TryGetDecimal(JsonNode? node, bool allowString, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        switch (v.GetValueKind())
        {
            case JsonValueKind.Number:
                if (v.TryGetValue<decimal>(out value))
                {
                    return true;
                }

                if (v.TryGetValue<JsonElement>(out var e))
                {
                    return e.TryGetDecimal(out value);
                }

                return decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case JsonValueKind.String when allowString:
                return TryParseNumber(v.GetValue<string>(), out value);
            default:
                return false;
        }
    }

    /// <summary>Parses text in big.js number syntax (<c>-1.5</c>, <c>.5</c>, <c>1e3</c>).</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        value = 0;
        return BigNumber().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The number of decimal digits of a value (trailing zeros do not count).</summary>
    public static int CountDecimals(decimal value)
    {
        var normalized = value / 1.0000000000000000000000000000m;
        return (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
    }

    /// <summary>Formats a number the way people write it (invariant, no trailing zeros).</summary>
    public static string Format(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a value for a message: text as is, anything else as JSON.</summary>
    public static string Format(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Lists option values for a message, at most 20 of them.</summary>
    public static string FormatOptions(IReadOnlyList<JsonNode> options)
    {
        if (options.Count == 0)
        {
            return "(the form offers no options)";
        }

        var shown = options.Take(20).Select(Format);
        var text = string.Join(", ", shown);
        return options.Count > 20 ? $"{text}, … ({options.Count.ToString(CultureInfo.InvariantCulture)} options)" : text;
    }

    /// <summary>
    /// Deep JSON equality as lodash's <c>isEqual</c> sees JSON: numbers by value (with a relative
    /// tolerance when <paramref name="tolerant"/>, for results computed in binary floating point),
    /// objects regardless of key order.
    /// </summary>
    public static bool JsonEquals(JsonNode? a, JsonNode? b, bool tolerant = false)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case JsonObject oa:
                if (b is not JsonObject ob || oa.Count != ob.Count)
                {
                    return false;
                }

                foreach (var (k, v) in oa)
                {
                    if (!ob.TryGetPropertyValue(k, out var w) || !JsonEquals(v, w, tolerant))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray aa:
                if (b is not JsonArray ab || aa.Count != ab.Count)
                {
                    return false;
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (!JsonEquals(aa[i], ab[i], tolerant))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (b is not JsonValue vb || a is not JsonValue va)
                {
                    return false;
                }

                var ka = va.GetValueKind();
                if (ka != vb.GetValueKind())
                {
                    return false;
                }

                return ka switch
                {
                    JsonValueKind.String => string.Equals(va.GetValue<string>(), vb.GetValue<string>(), StringComparison.Ordinal),
                    JsonValueKind.Number => NumbersEqual(va, vb, tolerant),
                    _ => true,
                };
        }
    }

    private static bool NumbersEqual(JsonValue a, JsonValue b, bool tolerant)
    {
        if (TryGetDecimal(a, false, out var da) && TryGetDecimal(b, false, out var db))
        {
            if (da == db)
            {
                return true;
            }

            if (!tolerant)
            {
                return false;
            }
        }

        var fa = ToDouble(a);
        var fb = ToDouble(b);
        if (fa == fb)
        {
            return true;
        }

        return tolerant && Math.Abs(fa - fb) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(fa), Math.Abs(fb)));
    }

    private static double ToDouble(JsonValue v)
    {
        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (v.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }

        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : double.NaN;
    }

    /// <summary>A date as form-js's date picker submits it: <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// A time as form-js's time picker submits it for a serializing format: <c>HH:mm</c>
    /// (no_timezone), <c>HH:mmZ</c> (utc_normalized), <c>HH:mm±hh:mm</c> (utc_offset).
    /// </summary>
    public static bool IsTime(string text, string format)
    {
        var m = Time().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var zone = m.Groups["zone"].Value;
        return format switch
        {
            "utc_normalized" => zone == "Z",
            "utc_offset" => zone.Length == 6 && OffsetIsValid(zone),
            _ => zone.Length == 0,
        };
    }

    private static bool OffsetIsValid(string zone) =>
        int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture) <= 18 && int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture) <= 59;

    /// <summary>An example of the text a datetime field submits, for messages.</summary>
    public static string Example(string subtype, string format)
    {
        var zone = format switch { "utc_normalized" => "Z", "utc_offset" => "+01:00", _ => "" };
        return subtype switch
        {
            "time" => "14:30" + zone,
            "datetime" => "2026-01-31T14:30" + zone,
            _ => "2026-01-31",
        };
    }

    /// <summary>JavaScript's <c>String.prototype.trim</c> length (UTF-16 code units, as <c>value.trim().length</c>).</summary>
    public static int TrimmedLength(string text) => text.AsSpan().Trim().Trim('\uFEFF').Length;

    /// <summary>Whether text has a line break (a single-line text field cannot hold one).</summary>
    public static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>Builds a message listing values, quoting each.</summary>
    public static string Quote(JsonNode? node)
    {
        var sb = new StringBuilder();
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            sb.Append('"').Append(v.GetValue<string>()).Append('"');
        }
        else
        {
            sb.Append(Format(node));
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BigNumber();

    [GeneratedRegex(@"^(?:[01]\d|2[0-3]):[0-5]\d(?<zone>Z|[+-]\d\d:\d\d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Time();
}
