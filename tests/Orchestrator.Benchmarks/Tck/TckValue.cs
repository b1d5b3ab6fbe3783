using System.Globalization;
using System.Xml.Linq;
using Orchestrator.Feel;

namespace Orchestrator.Benchmarks.Tck;

/// <summary>
/// A value of a TCK test file (<c>value</c> with an <c>xsi:type</c>, <c>component</c>s of a context, <c>list</c> items,
/// <c>xsi:nil</c>) as FEEL literal text, and the comparison of a result with an expected value: kinds must match,
/// numbers must be equal within 0.00000001, as the TCK's own runner compares them), temporal values must print the same, lists and
/// contexts must match item by item.
/// </summary>
internal static class TckValue
{
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The FEEL literal for the value held by <paramref name="node"/> (an inputNode, expected, component or item).</summary>
    public static string ToFeel(XElement node)
    {
        var children = node.Elements().Where(e => e.Name.LocalName is "value" or "component" or "list").ToList();
        if (children.Count == 0)
        {
            return IsNil(node) ? "null" : "null";
        }

        if (children.All(c => c.Name.LocalName == "component"))
        {
            return "{" + string.Join(", ", children.Select(c => Quote((string)c.Attribute("name")!) + ": " + ToFeel(c))) + "}";
        }

        var first = children[0];
        if (first.Name.LocalName == "list")
        {
            return IsNil(first) ? "null" : "[" + string.Join(", ", first.Elements().Where(e => e.Name.LocalName == "item").Select(ToFeel)) + "]";
        }

        return Scalar(first);
    }

    private static bool IsNil(XElement e) => (string?)e.Attribute(XName.Get("nil", Xsi)) == "true";

    private static string Scalar(XElement value)
    {
        if (IsNil(value))
        {
            return "null";
        }

        var text = value.Value;
        var type = (string?)value.Attribute(XName.Get("type", Xsi)) ?? "xsd:string";
        type = type.Contains(':', StringComparison.Ordinal) ? type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..] : type;
        return type switch
        {
            "decimal" or "double" or "integer" or "int" or "long" or "float" => Number(text),
            "boolean" => text.Trim() == "true" ? "true" : "false",
            "date" => $"date({Quote(text.Trim())})",
            "time" => $"time({Quote(text.Trim())})",
            "dateTime" => $"date and time({Quote(text.Trim())})",
            "duration" or "dayTimeDuration" or "yearMonthDuration" => $"duration({Quote(text.Trim())})",
            _ => Quote(text),
        };
    }

    private static string Number(string text)
    {
        var t = text.Trim();
        return decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? t : $"number({Quote(t)}, null, \".\")";
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    /// <summary>Whether <paramref name="actual"/> is the value <paramref name="expectedNode"/> describes; <paramref name="expected"/> is its FEEL value.</summary>
    public static bool Same(XElement expectedNode, FeelValue expected, FeelValue actual)
    {
        var first = expectedNode.Elements().FirstOrDefault(e => e.Name.LocalName is "value" or "component" or "list");
        return SameAt(first, expected, actual);
    }

    private static bool SameAt(XElement? node, FeelValue expected, FeelValue actual)
    {
        if (expected.Kind != actual.Kind)
        {
            return false;
        }

        switch (expected)
        {
            case FeelNumber e:
                // The TCK's own runner (Drools) takes numbers within 0.00000001 as equal: its expected values are
                // often rounded (exp(4) is written 54.59815003).
                return Math.Abs(e.Value - ((FeelNumber)actual).Value) < 0.00000001m;

            case FeelList e:
                {
                    var a = (FeelList)actual;
                    if (e.Count != a.Count)
                    {
                        return false;
                    }

                    var items = node?.Elements().Where(x => x.Name.LocalName == "item").ToList();
                    for (var i = 0; i < e.Count; i++)
                    {
                        var itemValue = items is not null && i < items.Count ? items[i].Elements().FirstOrDefault(x => x.Name.LocalName is "value" or "component" or "list") : null;
                        if (!SameAt(itemValue, e[i], a[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case FeelContext e:
                {
                    var a = (FeelContext)actual;
                    if (e.Count != a.Count)
                    {
                        return false;
                    }

                    foreach (var key in e.Keys)
                    {
                        var component = node?.Parent?.Elements().FirstOrDefault(x => x.Name.LocalName == "component" && (string?)x.Attribute("name") == key);
                        var inner = component?.Elements().FirstOrDefault(x => x.Name.LocalName is "value" or "component" or "list");
                        if (!a.TryGetValue(key, out var value) || !SameAt(inner, e[key], value))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return expected.ToString() == actual.ToString();
        }
    }
}
