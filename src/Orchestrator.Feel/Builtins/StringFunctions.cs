using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>String functions (DMN 1.5 §10.3.4.3, table 72). Positions and lengths count Unicode code points.</summary>
internal static class StringFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("substring", Of("string", "start position", "length?"), Substring),
        new("string length", Of("string"), (a, s) => Str(a[0], s, "string length", "string", x => new FeelNumber(CodePoints(x)))),
        new("upper case", Of("string"), (a, s) => Str(a[0], s, "upper case", "string", x => new FeelString(UpperCase(x)))),
        new("lower case", Of("string"), (a, s) => Str(a[0], s, "lower case", "string", x => new FeelString(LowerCase(x)))),
        new("substring before", Of("string", "match"), (a, s) => Two(a, s, "substring before", (x, m) => new FeelString(x.IndexOf(m, StringComparison.Ordinal) is var i and >= 0 ? x[..i] : string.Empty))),
        new("substring after", Of("string", "match"), (a, s) => Two(a, s, "substring after", (x, m) => new FeelString(x.IndexOf(m, StringComparison.Ordinal) is var i and >= 0 ? x[(i + m.Length)..] : string.Empty))),
        new("contains", Of("string", "match"), (a, s) => Two(a, s, "contains", (x, m) => FeelBoolean.Of(x.Contains(m, StringComparison.Ordinal)))),
        new("starts with", Of("string", "match"), (a, s) => Two(a, s, "starts with", (x, m) => FeelBoolean.Of(x.StartsWith(m, StringComparison.Ordinal)))),
        new("ends with", Of("string", "match"), (a, s) => Two(a, s, "ends with", (x, m) => FeelBoolean.Of(x.EndsWith(m, StringComparison.Ordinal)))),
        new("matches", Of("input", "pattern", "flags?"), Matches),
        new("replace", Of("input", "pattern", "replacement", "flags?"), Replace),
        new("split", Of("string", "delimiter"), Split),
        new("extract", Of("string", "pattern"), Extract),
        new("string join", Of("list", "delimiter?"), Join),
    ];

    private static readonly System.Buffers.SearchValues<char> FullUpperCaseMapped = System.Buffers.SearchValues.Create("ßﬀﬁﬂﬃﬄﬅﬆŉǰ");

    /// <summary>
    /// XPath's fn:upper-case uses Unicode's full case mapping; .NET's invariant mapping is the simple
    /// one, so the unconditional one-to-many mappings of SpecialCasing.txt that matter in Latin text
    /// are applied on top (ß becomes SS, ligatures split).
    /// </summary>
    private static string UpperCase(string s)
    {
        var upper = s.ToUpperInvariant();
        if (!upper.AsSpan().ContainsAny(FullUpperCaseMapped))
        {
            return upper;
        }

        var sb = new StringBuilder(upper.Length + 4);
        foreach (var c in upper)
        {
            sb.Append(c switch
            {
                'ß' => "SS",
                'ﬀ' => "FF",
                'ﬁ' => "FI",
                'ﬂ' => "FL",
                'ﬃ' => "FFI",
                'ﬄ' => "FFL",
                'ﬅ' or 'ﬆ' => "ST",
                'ŉ' => "\u02BCN",
                'ǰ' => "J\u030C",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>Full lower-case mapping: İ (capital I with dot) becomes i followed by a combining dot, as in Unicode.</summary>
    private static string LowerCase(string s) => s.Replace("\u0130", "i\u0307", StringComparison.Ordinal).ToLowerInvariant();

    private static FeelValue Str(FeelValue v, EvalState s, string function, string parameter, Func<string, FeelValue> f) => v switch
    {
        FeelString str => f(str.Value),
        FeelNull => FeelNull.Instance,
        _ => Args.Bad(s, function, parameter, "a string", v),
    };

    private static FeelValue Two(FeelValue[] a, EvalState s, string function, Func<string, string, FeelValue> f)
    {
        if (a[0] is FeelString x && a[1] is FeelString m)
        {
            return f(x.Value, m.Value);
        }

        return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn($"{function}: expects two strings, got {Operators.TypeName(a[0])} and {Operators.TypeName(a[1])}");
    }

    private static int CodePoints(string s)
    {
        var count = s.Length;
        foreach (var c in s)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    private static FeelValue Substring(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString str)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, "substring", "string", "a string", a[0]);
        }

        if (!Args.Number(a[1], out var startValue))
        {
            return a[1].IsNull ? FeelNull.Instance : Args.Bad(s, "substring", "start position", "a number", a[1]);
        }

        var runes = str.Value.EnumerateRunes().ToArray();
        var n = runes.Length;
        var start = (long)decimal.Truncate(startValue);
        if (start == 0)
        {
            return s.Warn("substring: start position 0 is not a position (1 is the first character, -1 the last)");
        }

        // Positions past either end clamp, as XPath's fn:substring does: past the end gives "".
        var from = start > 0 ? Math.Min(start - 1, n) : Math.Max(n + start, 0);
        long length = n - from;
        if (a.Length > 2 && !a[2].IsNull)
        {
            if (!Args.Number(a[2], out var len) || len < 0)
            {
                return Args.Bad(s, "substring", "length", "a non-negative number", a[2]);
            }

            length = (long)Math.Min(decimal.Truncate(len), length);
        }

        var sb = new StringBuilder();
        for (var i = from; i < from + length; i++)
        {
            sb.Append(runes[i].ToString());
        }

        return new FeelString(sb.ToString());
    }

    /// <summary>The optional flags: absent or null is none; anything but a string is an error (null), DMN TCK 1111 K-MatchesFunc-3.</summary>
    private static string? Flags(FeelValue[] a, int index) => a.Length <= index || a[index].IsNull ? string.Empty : (a[index] as FeelString)?.Value;

    private static FeelValue Matches(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString input || a[1] is not FeelString pattern)
        {
            return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("matches: input and pattern must be strings");
        }

        if (Flags(a, 2) is not { } matchFlags)
        {
            return Args.Bad(s, "matches", "flags", "a string", a[2]);
        }

        var regex = FeelRegex.Translate(pattern.Value, matchFlags, s, "matches");
        if (regex is null)
        {
            return FeelNull.Instance;
        }

        s.Charge(input.Value.Length);
        return FeelBoolean.Of(Regex.IsMatch(input.Value, regex.Pattern, regex.Options, s.Limits.RegexTimeout));
    }

    private static FeelValue Replace(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString input || a[1] is not FeelString pattern || a[2] is not FeelString replacement)
        {
            return a[0].IsNull || a[1].IsNull || a[2].IsNull ? FeelNull.Instance : s.Warn("replace: input, pattern and replacement must be strings");
        }

        if (Flags(a, 3) is not { } flags)
        {
            return Args.Bad(s, "replace", "flags", "a string", a[3]);
        }

        var regex = FeelRegex.Translate(pattern.Value, flags, s, "replace");
        if (regex is null)
        {
            return FeelNull.Instance;
        }

        if (Regex.IsMatch(string.Empty, regex.Pattern, regex.Options, s.Limits.RegexTimeout))
        {
            return s.Warn($"replace: the pattern '{pattern.Value}' matches the empty string");
        }

        var groups = new Regex(regex.Pattern, regex.Options, s.Limits.RegexTimeout).GetGroupNumbers().Length - 1;
        var net = FeelRegex.Replacement(replacement.Value, flags.Contains('q', StringComparison.Ordinal), groups);
        if (net is null)
        {
            return s.Warn($"replace: invalid replacement '{replacement.Value}' (use $1 for groups, \\$ and \\\\ for the characters)");
        }

        s.Charge(input.Value.Length);
        var result = Regex.Replace(input.Value, regex.Pattern, net, regex.Options, s.Limits.RegexTimeout);
        s.CheckStringLength(result.Length);
        return new FeelString(result);
    }

    private static FeelValue Split(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString str || a[1] is not FeelString delimiter)
        {
            return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("split: string and delimiter must be strings");
        }

        var regex = FeelRegex.Translate(delimiter.Value, string.Empty, s, "split");
        if (regex is null)
        {
            return FeelNull.Instance;
        }

        if (Regex.IsMatch(string.Empty, regex.Pattern, regex.Options, s.Limits.RegexTimeout))
        {
            return s.Warn($"split: the delimiter '{delimiter.Value}' matches the empty string");
        }

        s.Charge(str.Value.Length);
        var parts = new List<FeelValue>();
        var last = 0;
        foreach (Match m in Regex.Matches(str.Value, regex.Pattern, regex.Options, s.Limits.RegexTimeout))
        {
            parts.Add(new FeelString(str.Value[last..m.Index]));
            last = m.Index + m.Length;
            s.CheckListSize(parts.Count);
        }

        parts.Add(new FeelString(str.Value[last..]));
        return FeelList.Wrap([.. parts]);
    }

    private static FeelValue Extract(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString str || a[1] is not FeelString pattern)
        {
            return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("extract: string and pattern must be strings");
        }

        var regex = FeelRegex.Translate(pattern.Value, string.Empty, s, "extract");
        if (regex is null)
        {
            return FeelNull.Instance;
        }

        s.Charge(str.Value.Length);
        var found = new List<FeelValue>();
        foreach (Match m in Regex.Matches(str.Value, regex.Pattern, regex.Options, s.Limits.RegexTimeout))
        {
            found.Add(new FeelString(m.Value));
            s.CheckListSize(found.Count);
        }

        return FeelList.Wrap([.. found]);
    }

    private static FeelValue Join(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var delimiter = string.Empty;
        if (a.Length > 1 && !a[1].IsNull)
        {
            if (a[1] is not FeelString d)
            {
                return Args.Bad(s, "string join", "delimiter", "a string", a[1]);
            }

            delimiter = d.Value;
        }

        var sb = new StringBuilder();
        var first = true;
        s.Charge(list.Count);
        foreach (var item in list.Items)
        {
            if (item.IsNull)
            {
                continue;
            }

            if (item is not FeelString str)
            {
                return s.Warn($"string join: every item must be a string, got {Operators.TypeName(item)}");
            }

            if (!first)
            {
                sb.Append(delimiter);
            }

            sb.Append(str.Value);
            first = false;
            s.CheckStringLength(sb.Length);
        }

        return new FeelString(sb.ToString());
    }
}
