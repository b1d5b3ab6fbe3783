using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Orchestrator.Feel.Builtins;
using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// Recursive-descent parser for FEEL expressions and unary tests (DMN 1.4 grammar, chapter 10.3.1).
/// It counts its nesting so that hostile input ends in a syntax error instead of a stack overflow,
/// resolves built-in calls, and folds pure calls on literals (<c>duration("P45D")</c>) into values.
/// </summary>
internal sealed partial class Parser
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
        "and", "or", "between", "in", "instance", "then", "else", "return", "satisfies", "if", "for", "some", "every", "function", "true", "false", "null");

    private readonly Lexer _lexer;
    private readonly FeelLimits _limits;
    private readonly List<string> _specialNames;
    private readonly List<string> _bound = [];
    private Token _tok;
    private int _depth;
    private bool _rangeEndMode;

    private Parser(string text, FeelLimits limits, IEnumerable<string>? knownNames)
    {
        _lexer = new Lexer(text);
        _limits = limits;
        _specialNames = [.. BuiltinRegistry.NamesWithKeywords];
        if (knownNames is not null)
        {
            _specialNames.AddRange(knownNames.Where(NeedsGreedyMatch));
        }

        SortSpecialNames();
    }

    public static ParsedTree Parse(string text, bool unaryTests, FeelLimits limits, IEnumerable<string>? knownNames = null)
    {
        if (text.Length > limits.MaxExpressionLength)
        {
            return new ParsedTree(null, null, false, new FeelSyntaxError(1, 1, $"found an expression of {text.Length} characters, expected at most {limits.MaxExpressionLength}"));
        }

        var parser = new Parser(text, limits, knownNames);
        try
        {
            parser.Advance(0);
            if (unaryTests)
            {
                var tests = parser.ParseUnaryTestsEntry();
                return new ParsedTree(null, tests, false, null);
            }

            if (parser._tok.Kind == TokenKind.End)
            {
                throw new ParseException(0, "found the end of the input, expected an expression");
            }

            var node = parser.ParseExpression();
            parser.ExpectEnd();
            return new ParsedTree(node, null, Uses(node, "?"), null);
        }
        catch (ParseException e)
        {
            var (line, column) = LineColumn(text, e.Position);
            return new ParsedTree(null, null, false, new FeelSyntaxError(line, column, e.Message));
        }
    }

    private static (int Line, int Column) LineColumn(string text, int position)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            // \r\n, \r and \n each end a line.
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>Whether a name must be matched whole because plain word joining would not find it.</summary>
    internal static bool NeedsGreedyMatch(string name)
    {
        if (name.Length == 0 || !Lexer.IsNameStart(name[0]))
        {
            return false;
        }

        // A word that starts with a digit ("decision A 1") lexes as a number, so plain joining stops there.
        var words = name.Split(' ');
        return words.Any(w => w.Length == 0 || StopWords.Contains(w) || !w.All(Lexer.IsNamePart) || char.IsAsciiDigit(w[0]));
    }

    private void SortSpecialNames() => _specialNames.Sort((a, b) => b.Length.CompareTo(a.Length));

    internal static bool Uses(Node node, string name)
    {
        if (node is NameRef n && n.Name == name)
        {
            return true;
        }

        foreach (var child in node.Children)
        {
            if (Uses(child, name))
            {
                return true;
            }
        }

        return false;
    }

    // ----- tokens -----

    private void Advance() => Advance(_tok.End);

    private void Advance(int position)
    {
        _tok = _lexer.Next(position);
        if (_tok.Kind == TokenKind.Error)
        {
            throw new ParseException(_tok.Start, _tok.Text!);
        }
    }

    private bool IsWord(string word) => _tok.Kind == TokenKind.Name && !_tok.Quoted && string.Equals(_tok.Text, word, StringComparison.Ordinal);

    private string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the input",
        TokenKind.Name => $"'{t.Text}'",
        TokenKind.String => "a string",
        TokenKind.Number => $"the number {_lexer.Text[t.Start..t.End]}",
        TokenKind.Temporal => "a temporal literal",
        _ => $"'{_lexer.Text[t.Start..t.End]}'",
    };

    private ParseException Error(string expected) => new(_tok.Start, $"found {Describe(_tok)}, expected {expected}");

    private void Expect(TokenKind kind, string what)
    {
        if (_tok.Kind != kind)
        {
            throw Error(what);
        }

        Advance();
    }

    private void ExpectWord(string word)
    {
        if (!IsWord(word))
        {
            throw Error($"'{word}'");
        }

        Advance();
    }

    private void ExpectEnd()
    {
        if (_tok.Kind != TokenKind.End)
        {
            throw Error(_tok.Kind == TokenKind.Name ? "an operator or the end of the input (names with special characters can be written between backticks)" : "an operator or the end of the input");
        }
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ParseException(_tok.Start, $"found nesting deeper than {_limits.MaxNestingDepth} levels, expected a shallower expression");
        }
    }

    private void Leave() => _depth--;

    /// <summary>Parses a nested construct with the range-end mode switched off (a '[' inside it is a filter again).</summary>
    private T Nested<T>(Func<T> parse)
    {
        var saved = _rangeEndMode;
        _rangeEndMode = false;
        try
        {
            return parse();
        }
        finally
        {
            _rangeEndMode = saved;
        }
    }

    // ----- names -----

    /// <summary>
    /// A name: backticked, a known name matched whole (<c>date and time</c>, variables with
    /// special characters), or words joined by spaces up to a keyword (<c>first name</c>).
    /// </summary>
    private string ReadName(string expected)
    {
        if (_tok.Kind != TokenKind.Name)
        {
            throw Error(expected);
        }

        if (_tok.Quoted || _tok.Text == "?")
        {
            var quoted = _tok.Text!;
            Advance();
            return quoted;
        }

        var text = _lexer.Text;
        foreach (var special in _specialNames)
        {
            var end = MatchSpecial(text, _tok.Start, special);
            if (end >= 0 && (end >= text.Length || !Lexer.IsNamePart(text[end])))
            {
                Advance(end);
                return special;
            }
        }

        if (StopWords.Contains(_tok.Text!))
        {
            throw Error(expected);
        }

        var name = _tok.Text!;
        Advance();
        while (_tok.Kind == TokenKind.Name && !_tok.Quoted && _tok.Text != "?" && !StopWords.Contains(_tok.Text!))
        {
            name += " " + _tok.Text;
            Advance();
        }

        return name;
    }

    /// <summary>
    /// Where <paramref name="special"/> ends when it starts at <paramref name="start"/>, or -1. Each
    /// space of the name matches any run of white space, line breaks included (a name such as
    /// <c>date and time</c> may be wrapped: DMN TCK 0068 datetime_005).
    /// </summary>
    private static int MatchSpecial(string text, int start, string special)
    {
        var i = start;
        for (var j = 0; j < special.Length; j++)
        {
            if (special[j] == ' ')
            {
                if (i >= text.Length || !char.IsWhiteSpace(text[i]))
                {
                    return -1;
                }

                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                continue;
            }

            if (i >= text.Length || text[i] != special[j])
            {
                return -1;
            }

            i++;
        }

        return i;
    }

    private void Bind(string name)
    {
        _bound.Add(name);
        if (NeedsGreedyMatch(name) && !_specialNames.Contains(name))
        {
            _specialNames.Add(name);
            SortSpecialNames();
        }
    }

    private void Unbind(int count) => _bound.RemoveRange(_bound.Count - count, count);

    private bool IsBound(string name) => _bound.Contains(name);

    // ----- folding -----

    /// <summary>Replaces a pure node whose children are all literals by its value (no warnings allowed).</summary>
    private Node Fold(Node node)
    {
        if (!node.Foldable || !node.Children.All(c => c is Literal))
        {
            return node;
        }

        var state = new EvalState(_limits, TimeProvider.System);
        try
        {
            var value = node.Eval(state, RootScope.Empty);
            return state.HasWarnings ? node : new Literal(node.Position, value);
        }
        catch (Exception e) when (e is FeelLimitException or System.Text.RegularExpressions.RegexMatchTimeoutException or InsufficientExecutionStackException or ArithmeticException)
        {
            // Left for evaluation time, which reports it as a limit failure or null with a warning.
            return node;
        }
    }
}
