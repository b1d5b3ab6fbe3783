using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Syntax;

/// <summary>The primary expressions: literals, names, parentheses, lists, ranges, contexts, if, for, some/every and function definitions.</summary>
internal sealed partial class Parser
{
    private Node ParsePrimary()
    {
        var start = _tok.Start;
        switch (_tok.Kind)
        {
            case TokenKind.Number:
                var number = _tok.Number;
                Advance();
                return new Literal(start, new FeelNumber(number));
            case TokenKind.String:
                var text = _tok.Text!;
                Advance();
                return new Literal(start, new FeelString(text));
            case TokenKind.Temporal:
                var literal = TemporalParser.ParseLiteral(_tok.Text!) ?? throw new ParseException(start, $"found the temporal literal @\"{_tok.Text}\", expected a date, time, date and time or duration in ISO 8601 form");
                Advance();
                return new Literal(start, literal);
            case TokenKind.LParen:
                Advance();
                return Nested(() => ParseParenthesized(start));
            case TokenKind.LBracket:
                Advance();
                return Nested(() => ParseBracket(start));
            case TokenKind.RBracket:
                Advance();
                return Nested(() => ParseRangeRest(start, ParseExpression(), false));
            case TokenKind.LBrace:
                Advance();
                return Nested(() => ParseContext(start));
            case TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual:
                var kind = _tok.Kind;
                Advance();
                var endpoint = ParseAdditive();
                return Fold(kind switch
                {
                    TokenKind.Less => new RangeNode(start, null, false, endpoint, false),
                    TokenKind.LessOrEqual => new RangeNode(start, null, false, endpoint, true),
                    TokenKind.Greater => new RangeNode(start, endpoint, false, null, false),
                    _ => new RangeNode(start, endpoint, true, null, false),
                });
            case TokenKind.Equal or TokenKind.NotEqual:
                {
                    // DMN 1.5: a unary comparison is also a value, (= 10) and (!= 10) as much as (< 10).
                    var notEqual = _tok.Kind == TokenKind.NotEqual;
                    Advance();
                    return Fold(new ComparisonRangeNode(start, ParseAdditive(), notEqual));
                }

            case TokenKind.Name:
                return ParseNamePrimary(start);
            default:
                throw Error(ExpressionExpected);
        }
    }

    private Node ParseNamePrimary(int start)
    {
        if (!_tok.Quoted)
        {
            switch (_tok.Text)
            {
                case "true": Advance(); return new Literal(start, FeelBoolean.True);
                case "false": Advance(); return new Literal(start, FeelBoolean.False);
                case "null": Advance(); return new Literal(start, FeelNull.Instance);
                case "if": return ParseIf(start);
                case "for": return ParseFor(start);
                case "some": return ParseQuantified(start, false);
                case "every": return ParseQuantified(start, true);
                case "function": return ParseFunction(start);
                default:
                    if (StopWords.Contains(_tok.Text!))
                    {
                        throw Error(ExpressionExpected);
                    }

                    break;
            }
        }

        return new NameRef(start, ReadName(ExpressionExpected));
    }

    private Node ParseParenthesized(int start)
    {
        var inner = ParseExpression();
        if (_tok.Kind == TokenKind.DotDot)
        {
            return ParseRangeRest(start, inner, false);
        }

        Expect(TokenKind.RParen, "')'");
        return inner;
    }

    private Node ParseBracket(int start)
    {
        if (_tok.Kind == TokenKind.RBracket)
        {
            Advance();
            return new Literal(start, FeelList.Empty);
        }

        var first = ParseExpression();
        if (_tok.Kind == TokenKind.DotDot)
        {
            return ParseRangeRest(start, first, true);
        }

        var items = new List<Node> { first };
        while (_tok.Kind == TokenKind.Comma)
        {
            Advance();
            items.Add(ParseExpression());
        }

        Expect(TokenKind.RBracket, "',' or ']' in the list");
        return Fold(new ListNode(start, [.. items]));
    }

    /// <summary>After <c>[a</c>, <c>(a</c> or <c>]a</c>: <c>..b</c> and the closing <c>]</c>, <c>)</c> or <c>[</c>.</summary>
    private Node ParseRangeRest(int start, Node from, bool startIncluded)
    {
        Expect(TokenKind.DotDot, "'..' in the range");
        _rangeEndMode = true;
        var to = ParseExpression();
        _rangeEndMode = false;
        bool endIncluded;
        switch (_tok.Kind)
        {
            case TokenKind.RBracket: endIncluded = true; break;
            case TokenKind.RParen or TokenKind.LBracket: endIncluded = false; break;
            default: throw Error("']', ')' or '[' to close the range");
        }

        Advance();
        return Fold(new RangeNode(start, from, startIncluded, to, endIncluded));
    }

    private Node ParseContext(int start)
    {
        var keys = new List<string>();
        var values = new List<Node>();
        try
        {
            if (_tok.Kind == TokenKind.RBrace)
            {
                Advance();
                return new Literal(start, FeelContext.Empty);
            }

            while (true)
            {
                var keyStart = _tok.Start;
                var key = ReadKey();
                if (keys.Contains(key))
                {
                    throw new ParseException(keyStart, $"found the key '{key}' twice, expected each key once in a context");
                }

                Expect(TokenKind.Colon, "':' after the context key");
                values.Add(ParseExpression());
                keys.Add(key);
                Bind(key);
                if (_tok.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                Expect(TokenKind.RBrace, "',' or '}' in the context");
                return new ContextNode(start, [.. keys], [.. values]);
            }
        }
        finally
        {
            Unbind(keys.Count);
        }
    }

    /// <summary>A context key: a string literal, or the raw text up to the colon (names may hold spaces and <c>-/+*.'</c>).</summary>
    private string ReadKey()
    {
        if (_tok.Kind == TokenKind.String)
        {
            var s = _tok.Text!;
            Advance();
            return s;
        }

        if (_tok.Kind == TokenKind.Name && _tok.Quoted)
        {
            var q = _tok.Text!;
            Advance();
            return q;
        }

        if (_tok.Kind != TokenKind.Name)
        {
            throw Error("a context key (a name or a string)");
        }

        var text = _lexer.Text;
        var i = _tok.Start;
        while (i < text.Length && (Lexer.IsNamePart(text[i]) || text[i] is ' ' or '.' or '/' or '-' or '+' or '*'))
        {
            i++;
        }

        var key = text[_tok.Start..i].TrimEnd();
        Advance(i);
        return string.Join(' ', key.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private Node ParseIf(int start)
    {
        Advance();
        var condition = ParseExpression();
        ExpectWord("then");
        var then = ParseExpression();
        ExpectWord("else");
        var otherwise = ParseExpression();
        return Fold(new IfNode(start, condition, then, otherwise));
    }

    private Iteration[] ParseIterations(string terminator)
    {
        var iterations = new List<Iteration>();
        while (true)
        {
            var name = ReadName("a variable name");
            ExpectWord("in");
            var source = ParseExpression();
            Node? end = null;
            if (_tok.Kind == TokenKind.DotDot)
            {
                Advance();
                end = ParseExpression();
            }

            iterations.Add(new Iteration(name, source, end));
            Bind(name);
            if (_tok.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (!IsWord(terminator))
            {
                throw Error($"',' or '{terminator}'");
            }

            Advance();
            return [.. iterations];
        }
    }

    private ForNode ParseFor(int start)
    {
        Advance();
        var bound = _bound.Count;
        try
        {
            var iterations = ParseIterations("return");
            Bind("partial");
            var body = ParseExpression();
            return new ForNode(start, iterations, body, Uses(body, "partial"));
        }
        finally
        {
            Unbind(_bound.Count - bound);
        }
    }

    private QuantifiedNode ParseQuantified(int start, bool every)
    {
        Advance();
        var bound = _bound.Count;
        try
        {
            var iterations = ParseIterations("satisfies");
            return new QuantifiedNode(start, every, iterations, ParseExpression());
        }
        finally
        {
            Unbind(_bound.Count - bound);
        }
    }

    private FunctionNode ParseFunction(int start)
    {
        Advance();
        Expect(TokenKind.LParen, "'(' after 'function'");
        var parameters = new List<string>();
        var types = new List<FeelType?>();
        if (_tok.Kind != TokenKind.RParen)
        {
            while (true)
            {
                var name = ReadName("a parameter name");
                if (parameters.Contains(name))
                {
                    throw Error($"a parameter name other than '{name}', which is already used");
                }

                parameters.Add(name);
                FeelType? type = null;
                if (_tok.Kind == TokenKind.Colon)
                {
                    Advance();
                    type = ParseType();
                }

                types.Add(type);

                if (_tok.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                break;
            }
        }

        Expect(TokenKind.RParen, "',' or ')' in the parameter list");
        if (_tok.Kind == TokenKind.Colon)
        {
            Advance();
            ParseType();
        }

        if (IsWord("external"))
        {
            throw Error("a function body: external functions (Java or PMML) are not supported");
        }

        foreach (var p in parameters)
        {
            Bind(p);
        }

        try
        {
            return new FunctionNode(start, [.. parameters], types.Any(t => t is not null) ? [.. types] : null, ParseExpression());
        }
        finally
        {
            Unbind(parameters.Count);
        }
    }
}
