using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

/// <summary>
/// Converts our values to feelin-batch's JSON + type tree and compares them: numbers by decimal
/// value, temporal values by canonical text, lists in order, contexts by key (JSON objects lose
/// FEEL's entry order in JavaScript for integer-like keys, so order is not compared).
/// </summary>
internal static class FeelinCompare
{
    private const double RoundingTolerance = 1e-9;

    /// <summary>Our value as (JSON, type tree), the way feel-json.mjs writes feelin's.</summary>
    public static (JsonNode? Value, JsonNode Type) ToFeelinJson(FeelValue value)
    {
        switch (value)
        {
            case FeelNull:
                return (null, "null");
            case FeelBoolean b:
                return (JsonValue.Create(b.Value), "boolean");
            case FeelNumber n:
                return (JsonValue.Create(FeelNumber.Normalize(n.Value)), "number");
            case FeelString s:
                return (JsonValue.Create(s.Value), "string");
            case FeelDate:
                return (value.ToJson(), "date");
            case FeelTime:
                return (value.ToJson(), "time");
            case FeelDateTime:
                return (value.ToJson(), "date and time");
            case FeelDaysTimeDuration:
                return (value.ToJson(), "days and time duration");
            case FeelYearsMonthsDuration:
                return (value.ToJson(), "years and months duration");
            case FeelFunction:
                return (null, "function");
            case FeelRange r:
                var start = ToFeelinJson(r.Start);
                var end = ToFeelinJson(r.End);
                return (new JsonObject
                {
                    ["start"] = start.Value,
                    ["end"] = end.Value,
                    ["start included"] = r.StartIncluded,
                    ["end included"] = r.EndIncluded,
                }, "range");
            case FeelList list:
                var values = new JsonArray();
                var types = new JsonArray();
                foreach (var item in list.Items)
                {
                    var (v, t) = ToFeelinJson(item);
                    values.Add(v);
                    types.Add(t);
                }

                return (values, types);
            case FeelContext context:
                var entries = new JsonObject();
                var entryTypes = new JsonObject();
                foreach (var (key, item) in context.Entries)
                {
                    var (v, t) = ToFeelinJson(item);
                    entries[key] = v;
                    entryTypes[key] = t;
                }

                return (entries, entryTypes);
            default:
                return (JsonValue.Create($"<unknown {value.GetType().Name}>"), "unknown");
        }
    }

    /// <summary>Compares our result with feelin's answer for one expression.</summary>
    public static FeelinComparison Compare(string expression, FeelResult? ours, Exception? oursThrew, FeelinAnswer feelin)
    {
        var feelinJson = feelin.IsError ? "error" : FeelinReference.Show(feelin.Value);
        var feelinText = feelin.IsError
            ? $"error ({feelin.ErrorKind}): {feelin.Error}"
            : $"{FeelinReference.Show(feelin.Value)} : {FeelinReference.Show(feelin.Type)}" + (feelin.Warnings.Count > 0 ? $" warnings [{string.Join(", ", feelin.Warnings)}]" : "");

        if (oursThrew is not null)
        {
            return new(expression, DifferenceKind.Value, $"THREW {oursThrew.GetType().Name}: {oursThrew.Message}", feelinText, "our evaluator must never throw", null, feelinJson);
        }

        if (ours is null || !ours.Succeeded)
        {
            var oursText = $"failure ({ours?.Failure?.Code}): {ours?.Failure?.Message}";
            return feelin.IsError
                ? new(expression, DifferenceKind.None, oursText, feelinText, null, null, feelinJson)
                : new(expression, DifferenceKind.ErrorVersusValue, oursText, feelinText, null, null, feelinJson);
        }

        var (value, type) = ToFeelinJson(ours.Value);
        var oursShown = $"{FeelinReference.Show(value)} : {FeelinReference.Show(type)}" +
            (ours.Warnings.Count > 0 ? $" warnings [{string.Join("; ", ours.Warnings.Select(w => w.Message))}]" : "");
        var oursJson = FeelinReference.Show(value);
        if (feelin.IsError)
        {
            return new(expression, DifferenceKind.ErrorVersusValue, oursShown, feelinText, null, oursJson, feelinJson);
        }

        var kind = CompareNodes(value, type, feelin.Value, feelin.Type, out var detail);
        return new(expression, kind, oursShown, feelinText, detail, oursJson, feelinJson);
    }

    private static DifferenceKind CompareNodes(JsonNode? ourValue, JsonNode? ourType, JsonNode? theirValue, JsonNode? theirType, out string? detail)
    {
        detail = null;
        switch (ourType)
        {
            case JsonArray ourTypes when theirType is JsonArray theirTypes && ourValue is JsonArray ours && theirValue is JsonArray theirs:
                if (ours.Count != theirs.Count || ourTypes.Count != theirTypes.Count)
                {
                    detail = $"list lengths {ours.Count} and {theirs.Count}";
                    return DifferenceKind.Value;
                }

                var listResult = DifferenceKind.None;
                for (var i = 0; i < ours.Count; i++)
                {
                    var item = CompareNodes(ours[i], ourTypes[i], theirs[i], theirTypes[i], out var itemDetail);
                    if (item == DifferenceKind.Value)
                    {
                        detail = $"item {i + 1}: {itemDetail}";
                        return item;
                    }

                    listResult = Max(listResult, item);
                }

                return listResult;

            case JsonObject ourTypes when theirType is JsonObject theirTypes && ourValue is JsonObject ours && theirValue is JsonObject theirs:
                var ourKeys = ours.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                var theirKeys = theirs.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                if (!ourKeys.SequenceEqual(theirKeys, StringComparer.Ordinal))
                {
                    detail = $"context keys [{string.Join(", ", ourKeys)}] and [{string.Join(", ", theirKeys)}]";
                    return DifferenceKind.Value;
                }

                var contextResult = DifferenceKind.None;
                foreach (var key in ourKeys)
                {
                    var entry = CompareNodes(ours[key], ourTypes[key], theirs[key], theirTypes[key], out var entryDetail);
                    if (entry == DifferenceKind.Value)
                    {
                        detail = $"entry {key}: {entryDetail}";
                        return entry;
                    }

                    contextResult = Max(contextResult, entry);
                }

                return contextResult;
        }

        var ourTypeName = (ourType as JsonValue)?.ToString();
        var theirTypeName = (theirType as JsonValue)?.ToString();
        if (ourTypeName is null || ourTypeName != theirTypeName)
        {
            detail = $"types {FeelinReference.Show(ourType)} and {FeelinReference.Show(theirType)}";
            return DifferenceKind.Value;
        }

        switch (ourTypeName)
        {
            case "null":
            case "function":
                return DifferenceKind.None;
            case "number":
                return CompareNumbers(ourValue, theirValue, out detail);
            case "range":
                if (ourValue is not JsonObject ourRange || theirValue is not JsonObject theirRange)
                {
                    return DifferenceKind.Value;
                }

                if (ourRange["start included"]?.GetValue<bool>() != theirRange["start included"]?.GetValue<bool>() ||
                    ourRange["end included"]?.GetValue<bool>() != theirRange["end included"]?.GetValue<bool>())
                {
                    detail = "range bounds included differently";
                    return DifferenceKind.Value;
                }

                // Range end points are scalars; compare them by their JSON text after number/temporal canonicalisation.
                var startSame = ScalarText(ourRange["start"]) == ScalarText(theirRange["start"]);
                var endSame = ScalarText(ourRange["end"]) == ScalarText(theirRange["end"]);
                return startSame && endSame ? DifferenceKind.None : DifferenceKind.Value;
            case "date and time":
            case "time":
                return CanonicalTemporal(ourValue) == CanonicalTemporal(theirValue) ? DifferenceKind.None : DifferenceKind.Value;
            default:
                return JsonNode.DeepEquals(ourValue, theirValue) ? DifferenceKind.None : DifferenceKind.Value;
        }
    }

    private static DifferenceKind Max(DifferenceKind a, DifferenceKind b) => (DifferenceKind)Math.Max((int)a, (int)b);

    private static DifferenceKind CompareNumbers(JsonNode? ours, JsonNode? theirs, out string? detail)
    {
        detail = null;
        if (ours is null || theirs is null)
        {
            return ours is null && theirs is null ? DifferenceKind.None : DifferenceKind.Value;
        }

        var ourText = ours.ToJsonString();
        var theirText = theirs.ToJsonString();
        if (decimal.TryParse(ourText, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
            decimal.TryParse(theirText, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b)
        {
            return DifferenceKind.None;
        }

        var x = double.Parse(ourText, NumberStyles.Float, CultureInfo.InvariantCulture);
        var y = double.Parse(theirText, NumberStyles.Float, CultureInfo.InvariantCulture);
        var scale = Math.Max(1e-300, Math.Max(Math.Abs(x), Math.Abs(y)));
        if (Math.Abs(x - y) / scale < RoundingTolerance)
        {
            detail = "binary floating-point rounding";
            return DifferenceKind.NumberRounding;
        }

        detail = $"numbers {ourText} and {theirText}";
        return DifferenceKind.Value;
    }

    private static string? ScalarText(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? FeelNumber.Normalize(d).ToString(CultureInfo.InvariantCulture)
            : CanonicalTemporal(node) ?? text;
    }

    /// <summary>
    /// Canonical text of a time or date-time: UTC written one way (<c>Z</c>, <c>+00:00</c> and
    /// <c>@UTC</c> all become <c>Z</c>), trailing fractional zeros dropped.
    /// </summary>
    internal static string? CanonicalTemporal(JsonNode? node)
    {
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return node?.ToJsonString();
        }

        foreach (var utc in (string[])["+00:00", "-00:00", "@UTC", "@Etc/UTC", "@Z", "@GMT", "@Etc/GMT"])
        {
            if (text.EndsWith(utc, StringComparison.Ordinal))
            {
                text = text[..^utc.Length] + "Z";
                break;
            }
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var digits = text[(dot + 1)..end].TrimEnd('0');
            text = text[..dot] + (digits.Length > 0 ? "." + digits : "") + text[end..];
        }

        return text;
    }
}
