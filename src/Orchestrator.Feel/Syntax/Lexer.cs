using System.Globalization;
using System.Text;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// An on-demand lexer: the parser asks for the token at an offset. Re-lexing from any offset lets
/// the parser match multi-word names (<c>date and time</c>) against the raw text.
/// </summary>
internal sealed class Lexer(string text)
{
    public string Text { get; } = text;

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || char.IsSurrogate(c);

    public static bool IsNamePart(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || c == '\'' || char.IsSurrogate(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    /// <summary>Skips whitespace and comments; returns the offset of the next token, or an error token for an unclosed comment.</summary>
    public int SkipTrivia(int pos, out Token? error)
    {
        error = null;
        var t = Text;
        while (pos < t.Length)
        {
            var c = t[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < t.Length && t[pos + 1] == '/')
            {
                while (pos < t.Length && t[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (c == '/' && pos + 1 < t.Length && t[pos + 1] == '*')
            {
                var close = t.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    error = new Token(TokenKind.Error, pos, t.Length, "found an unclosed comment '/*', expected '*/'");
                    return pos;
                }

                pos = close + 2;
            }
            else
            {
                break;
            }
        }

        return pos;
    }

    public Token Next(int pos)
    {
        pos = SkipTrivia(pos, out var commentError);
        if (commentError is { } e)
        {
            return e;
        }

        var t = Text;
        if (pos >= t.Length)
        {
            return new Token(TokenKind.End, t.Length, t.Length);
        }

        var c = t[pos];
        var next = pos + 1 < t.Length ? t[pos + 1] : '\0';
        switch (c)
        {
            case '(': return new Token(TokenKind.LParen, pos, pos + 1);
            case ')': return new Token(TokenKind.RParen, pos, pos + 1);
            case '[': return new Token(TokenKind.LBracket, pos, pos + 1);
            case ']': return new Token(TokenKind.RBracket, pos, pos + 1);
            case '{': return new Token(TokenKind.LBrace, pos, pos + 1);
            case '}': return new Token(TokenKind.RBrace, pos, pos + 1);
            case ',': return new Token(TokenKind.Comma, pos, pos + 1);
            case ':': return new Token(TokenKind.Colon, pos, pos + 1);
            case '+': return new Token(TokenKind.Plus, pos, pos + 1);
            case '/': return new Token(TokenKind.Slash, pos, pos + 1);
            case '=': return new Token(TokenKind.Equal, pos, pos + 1);
            case '?': return new Token(TokenKind.Name, pos, pos + 1, "?");
            case '-': return next == '>' ? new Token(TokenKind.Arrow, pos, pos + 2) : new Token(TokenKind.Minus, pos, pos + 1);
            case '*': return next == '*' ? new Token(TokenKind.StarStar, pos, pos + 2) : new Token(TokenKind.Star, pos, pos + 1);
            case '!': return next == '=' ? new Token(TokenKind.NotEqual, pos, pos + 2) : new Token(TokenKind.Error, pos, pos + 1, "found '!', expected '!=' or an expression");
            case '<': return next == '=' ? new Token(TokenKind.LessOrEqual, pos, pos + 2) : new Token(TokenKind.Less, pos, pos + 1);
            case '>': return next == '=' ? new Token(TokenKind.GreaterOrEqual, pos, pos + 2) : new Token(TokenKind.Greater, pos, pos + 1);
            case '.':
                if (next == '.')
                {
                    return new Token(TokenKind.DotDot, pos, pos + 2);
                }

                return char.IsAsciiDigit(next) ? LexNumber(pos) : new Token(TokenKind.Dot, pos, pos + 1);
            case '"':
                return LexString(pos, pos + 1, TokenKind.String);
            case '@':
                return next == '"' ? LexString(pos, pos + 2, TokenKind.Temporal) : new Token(TokenKind.Error, pos, pos + 1, "found '@', expected a temporal literal such as @\"2026-01-31\"");
            case '`':
                var close = t.IndexOf('`', pos + 1);
                if (close < 0 || close == pos + 1)
                {
                    return new Token(TokenKind.Error, pos, t.Length, "found an unclosed '`', expected a name and a closing '`'");
                }

                return new Token(TokenKind.Name, pos, close + 1, t[(pos + 1)..close], Quoted: true);
            default:
                break;
        }

        if (char.IsAsciiDigit(c))
        {
            return LexNumber(pos);
        }

        if (IsNameStart(c))
        {
            var end = pos + 1;
            while (end < t.Length && IsNamePart(t[end]))
            {
                end++;
            }

            return new Token(TokenKind.Name, pos, end, t[pos..end]);
        }

        return new Token(TokenKind.Error, pos, pos + 1, $"found '{Describe(c)}', expected an expression");
    }

    private static string Describe(char c) => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

    private Token LexNumber(int pos)
    {
        var t = Text;
        var end = pos;
        while (end < t.Length && char.IsAsciiDigit(t[end]))
        {
            end++;
        }

        // A '.' is a decimal point only before a digit: "1..3" is a range.
        if (end + 1 < t.Length && t[end] == '.' && char.IsAsciiDigit(t[end + 1]))
        {
            end++;
            while (end < t.Length && char.IsAsciiDigit(t[end]))
            {
                end++;
            }
        }

        // Scientific notation (DMN 1.5 §10.3.2.3.1: 1.2e3 is 1.2 * 10 ** 3): e or E, an optional sign, digits.
        var styles = NumberStyles.AllowDecimalPoint;
        if (end < t.Length && (t[end] == 'e' || t[end] == 'E'))
        {
            var digit = end + 1 < t.Length && (t[end + 1] == '+' || t[end + 1] == '-') ? end + 2 : end + 1;
            if (digit < t.Length && char.IsAsciiDigit(t[digit]))
            {
                end = digit;
                while (end < t.Length && char.IsAsciiDigit(t[end]))
                {
                    end++;
                }

                styles |= NumberStyles.AllowExponent;
            }
        }

        if (decimal.TryParse(t.AsSpan(pos, end - pos), styles, CultureInfo.InvariantCulture, out var value))
        {
            return new Token(TokenKind.Number, pos, end, Number: value);
        }

        return new Token(TokenKind.Error, pos, end, "found a number too large for a FEEL number (at most about 7.9e28)");
    }

    private Token LexString(int start, int pos, TokenKind kind)
    {
        var t = Text;
        StringBuilder? sb = null;
        var runStart = pos;
        while (pos < t.Length)
        {
            var c = t[pos];
            if (c == '"')
            {
                var value = sb is null ? t[runStart..pos] : sb.Append(t, runStart, pos - runStart).ToString();
                return new Token(kind, start, pos + 1, value);
            }

            if (c != '\\')
            {
                pos++;
                continue;
            }

            sb ??= new StringBuilder();
            sb.Append(t, runStart, pos - runStart);
            if (pos + 1 >= t.Length)
            {
                break;
            }

            var e = t[pos + 1];
            switch (e)
            {
                case '"': sb.Append('"'); pos += 2; break;
                case '\'': sb.Append('\''); pos += 2; break;
                case '\\': sb.Append('\\'); pos += 2; break;
                case 'n': sb.Append('\n'); pos += 2; break;
                case 'r': sb.Append('\r'); pos += 2; break;
                case 't': sb.Append('\t'); pos += 2; break;
                case 'u' or 'U':
                    var digits = e == 'u' ? 4 : 6;
                    if (pos + 2 + digits > t.Length || !int.TryParse(t.AsSpan(pos + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                    {
                        return new Token(TokenKind.Error, pos, Math.Min(t.Length, pos + 2 + digits), $"found an invalid escape, expected '\\{e}' and {digits} hexadecimal digits");
                    }

                    if (code is >= 0xD800 and <= 0xDFFF)
                    {
                        sb.Append((char)code);
                    }
                    else
                    {
                        sb.Append(char.ConvertFromUtf32(code));
                    }

                    pos += 2 + digits;
                    break;
                default:
                    // Not an escape (DMN grammar rule 35): the backslash is an ordinary character, as in "\d+" for a regex.
                    sb.Append('\\').Append(e);
                    pos += 2;
                    break;
            }

            runStart = pos;
        }

        return new Token(TokenKind.Error, start, t.Length, "found an unclosed string, expected a closing '\"'");
    }
}
