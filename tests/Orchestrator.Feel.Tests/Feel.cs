using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

internal static class Feel
{
    /// <summary>2026-11-22T10:30:00 in Madrid (UTC+1).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    public static FeelEngine Engine(FeelLimits? limits = null) =>
        new(limits, new FixedTimeProvider(Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid")));

    public static FeelContext Vars(string? json) =>
        json is null ? FeelContext.Empty : FeelContext.FromJson(JsonNode.Parse(json)!.AsObject());

    public static FeelResult Eval(string expression, string? variablesJson = null) => Engine().Evaluate(expression, Vars(variablesJson));

    /// <summary>The value written as FEEL-like text with its type visible: <c>date("2026-01-31")</c>, <c>"text"</c>, <c>[1, 2]</c>.</summary>
    public static string Show(FeelValue v)
    {
        var sb = new StringBuilder();
        Append(sb, v);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, FeelValue v)
    {
        switch (v)
        {
            case FeelString s:
                sb.Append('"').Append(s.Value).Append('"');
                break;
            case FeelDate:
                sb.Append("date(\"").Append(v).Append("\")");
                break;
            case FeelTime:
                sb.Append("time(\"").Append(v).Append("\")");
                break;
            case FeelDateTime:
                sb.Append("date and time(\"").Append(v).Append("\")");
                break;
            case FeelDaysTimeDuration or FeelYearsMonthsDuration:
                sb.Append("duration(\"").Append(v).Append("\")");
                break;
            case FeelList l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    sb.Append(i > 0 ? ", " : string.Empty);
                    Append(sb, l[i]);
                }

                sb.Append(']');
                break;
            case FeelContext c:
                sb.Append('{');
                var first = true;
                foreach (var (k, value) in c.Entries)
                {
                    sb.Append(first ? string.Empty : ", ").Append(k).Append(": ");
                    Append(sb, value);
                    first = false;
                }

                sb.Append('}');
                break;
            default:
                sb.Append(v.ToString());
                break;
        }
    }

    public static void Check(string expression, string expected, string? variablesJson = null)
    {
        var result = Eval(expression, variablesJson);
        Assert.True(result.Succeeded, $"{expression}: {result.Failure}");
        Assert.Equal(expected, Show(result.Value));
    }

    /// <summary>The expression is null with at least one warning (a semantic error).</summary>
    public static void CheckNullWithWarning(string expression, string? variablesJson = null)
    {
        var result = Eval(expression, variablesJson);
        Assert.True(result.Succeeded, $"{expression}: {result.Failure}");
        Assert.Equal("null", Show(result.Value));
        Assert.NotEmpty(result.Warnings);
    }

    public static string Invariant(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
