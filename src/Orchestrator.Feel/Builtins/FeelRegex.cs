using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Builtins;

/// <summary>
/// XPath/XSD regular expressions (as FEEL's <c>matches</c>, <c>replace</c>, <c>split</c> use them) on
/// .NET <see cref="Regex"/>: flags s, m, i, x, q; <c>.</c> excludes \n and \r unless s; <c>$</c> is
/// the very end unless m; <c>\i</c> / <c>\c</c> name classes. Every match runs with the timeout of
/// <see cref="FeelLimits.RegexTimeout"/>; the static Regex methods cache compiled patterns.
/// </summary>
internal static class FeelRegex
{
    public sealed record Compiled(string Pattern, RegexOptions Options);

    public static Compiled? Translate(string pattern, string flags, EvalState s, string function)
    {
        var options = RegexOptions.CultureInvariant;
        bool dotAll = false, multiline = false, literal = false, stripSpace = false;
        foreach (var f in flags)
        {
            switch (f)
            {
                case 's': dotAll = true; options |= RegexOptions.Singleline; break;
                case 'm': multiline = true; options |= RegexOptions.Multiline; break;
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'x': stripSpace = true; break;
                case 'q': literal = true; break;
                default:
                    s.Warn($"{function}: unknown regular expression flag '{f}' (allowed: s, m, i, x, q)");
                    return null;
            }
        }

        if (literal)
        {
            return new Compiled(Regex.Escape(pattern), options);
        }

        var sb = new StringBuilder(pattern.Length + 8);
        var inClass = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (stripSpace && inClass == 0 && c is ' ' or '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c == '\\' && i + 1 < pattern.Length)
            {
                // With x, white space goes before the pattern is read, so "\ s" is "\s" (DMN TCK 1111 K2-MatchesFunc-1).
                while (stripSpace && inClass == 0 && i + 2 < pattern.Length && pattern[i + 1] is ' ' or '\t' or '\n' or '\r')
                {
                    i++;
                }

                var e = pattern[++i];
                if (inClass > 0 && char.IsAsciiDigit(e))
                {
                    // XSD: no back-references inside a character class (DMN TCK 1111 K2-MatchesFunc-11 to -14).
                    s.Warn($"{function}: invalid regular expression '{pattern}': a back-reference cannot be inside [...]");
                    return null;
                }

                sb.Append(e switch
                {
                    'i' => inClass > 0 ? @"\p{L}_:" : @"[\p{L}_:]",
                    'I' => @"[^\p{L}_:]",
                    'c' => inClass > 0 ? @"\p{L}\p{Nd}\p{Mn}\p{Mc}._:\-" : @"[\p{L}\p{Nd}\p{Mn}\p{Mc}._:\-]",
                    'C' => @"[^\p{L}\p{Nd}\p{Mn}\p{Mc}._:\-]",
                    _ => "\\" + e,
                });
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass++;
                    sb.Append(c);
                    break;
                case ']' when inClass > 0:
                    inClass--;
                    sb.Append(c);
                    break;
                case '.' when inClass == 0 && !dotAll:
                    sb.Append(@"[^\n\r]");
                    break;
                case '$' when inClass == 0 && !multiline:
                    sb.Append(@"\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        var translated = sb.ToString();
        try
        {
            // Validates the pattern once (construction does not match, so no timeout is needed here).
            _ = new Regex(translated, options, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            s.Warn($"{function}: invalid regular expression '{pattern}': {e.Message}");
            return null;
        }

        return new Compiled(translated, options);
    }

    /// <summary>XPath replacement text to .NET: <c>$1</c> stays, <c>\$</c> and <c>\\</c> are escapes, a lone <c>$</c> or <c>\</c> is an error.</summary>
    public static string? Replacement(string replacement, bool literal, int groups)
    {
        if (literal)
        {
            return replacement.Replace("$", "$$", StringComparison.Ordinal);
        }

        var sb = new StringBuilder(replacement.Length);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (i + 1 >= replacement.Length || replacement[i + 1] is not ('\\' or '$'))
                {
                    return null;
                }

                sb.Append(replacement[++i] == '$' ? "$$" : "\\");
            }
            else if (c == '$')
            {
                var start = i + 1;
                var end = start;
                while (end < replacement.Length && char.IsAsciiDigit(replacement[end]))
                {
                    end++;
                }

                if (end == start)
                {
                    return null;
                }

                // The longest digit run that names an existing group (XPath), else nothing.
                var digits = end - start;
                while (digits > 1 && !(int.TryParse(replacement.AsSpan(start, digits), out var g) && g <= groups))
                {
                    digits--;
                }

                if (int.TryParse(replacement.AsSpan(start, digits), out var group) && group <= groups)
                {
                    sb.Append("${").Append(group).Append('}');
                }

                end = start + digits;
                i = end - 1;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
