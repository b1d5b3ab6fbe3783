using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Evaluation;

/// <summary>JSON to FEEL conversion.</summary>
internal static class ValueJson
{
    public static FeelValue FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return FeelNull.Instance;
            case JsonObject o:
                return FeelContext.FromJson(o);
            case JsonArray a:
                var items = new FeelValue[a.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = FromJson(a[i]);
                }

                return FeelList.Wrap(items);
            case JsonValue v:
                return FromJsonValue(v);
            default:
                return FeelNull.Instance;
        }
    }

    private static FeelValue FromJsonValue(JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.True:
                return FeelBoolean.True;
            case JsonValueKind.False:
                return FeelBoolean.False;
            case JsonValueKind.String:
                return new FeelString(v.GetValue<string>());
            case JsonValueKind.Number:
                if (v.TryGetValue<decimal>(out var d))
                {
                    return new FeelNumber(d);
                }

                if (v.TryGetValue<long>(out var l))
                {
                    return new FeelNumber(l);
                }

                if (v.TryGetValue<double>(out var dbl))
                {
                    return FeelValue.From(dbl);
                }

                // Any other CLR number: go through its JSON text.
                return decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? new FeelNumber(parsed)
                    : FeelNull.Instance;
            default:
                return FeelNull.Instance;
        }
    }
}
