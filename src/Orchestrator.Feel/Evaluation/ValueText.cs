using System.Globalization;
using System.Text;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Evaluation;

/// <summary>The text of values, as FEEL's <c>string()</c> writes it.</summary>
internal static class ValueText
{
    public static string Format(FeelValue value)
    {
        if (value is FeelString s)
        {
            return s.Value;
        }

        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, FeelValue value, int depth)
    {
        if (depth > 64)
        {
            sb.Append("...");
            return;
        }

        switch (value)
        {
            case FeelNull:
                sb.Append("null");
                break;
            case FeelBoolean b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case FeelNumber n:
                sb.Append(FeelNumber.Format(n.Value));
                break;
            case FeelString s:
                AppendQuoted(sb, s.Value);
                break;
            case FeelDate d:
                sb.Append(TemporalFormat.Date(d));
                break;
            case FeelTime t:
                sb.Append(TemporalFormat.Time(t));
                break;
            case FeelDateTime dt:
                sb.Append(TemporalFormat.DateTime(dt));
                break;
            case FeelDaysTimeDuration dtd:
                sb.Append(TemporalFormat.Duration(dtd.Value));
                break;
            case FeelYearsMonthsDuration ymd:
                sb.Append(TemporalFormat.Duration(ymd.TotalMonths));
                break;
            case FeelList l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Append(sb, l[i], depth + 1);
                }

                sb.Append(']');
                break;
            case FeelContext c:
                sb.Append('{');
                for (var i = 0; i < c.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    var key = c.KeyAt(i);
                    if (IsSimpleName(key))
                    {
                        sb.Append(key);
                    }
                    else
                    {
                        AppendQuoted(sb, key);
                    }

                    sb.Append(": ");
                    Append(sb, c.ValueAt(i), depth + 1);
                }

                sb.Append('}');
                break;
            case FeelRange r:
                AppendRange(sb, r, depth);
                break;
            case FeelFunction f:
                sb.Append(f.Name ?? "function").Append('(').Append(string.Join(", ", f.ParameterNames)).Append(')');
                break;
        }
    }

    private static void AppendRange(StringBuilder sb, FeelRange r, int depth)
    {
        if (r.Comparison is { } comparison)
        {
            sb.Append('(').Append(comparison).Append(' ');
            Append(sb, r.Start, depth + 1);
            sb.Append(')');
            return;
        }
        if (r.Start.IsNull && !r.End.IsNull)
        {
            sb.Append(r.EndIncluded ? "<= " : "< ");
            Append(sb, r.End, depth + 1);
            return;
        }

        if (r.End.IsNull && !r.Start.IsNull)
        {
            sb.Append(r.StartIncluded ? ">= " : "> ");
            Append(sb, r.Start, depth + 1);
            return;
        }

        sb.Append(r.StartIncluded ? '[' : '(');
        Append(sb, r.Start, depth + 1);
        sb.Append("..");
        Append(sb, r.End, depth + 1);
        sb.Append(r.EndIncluded ? ']' : ')');
    }

    private static bool IsSimpleName(string key)
    {
        if (key.Length == 0 || !(char.IsLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
