namespace Orchestrator.Feel.Syntax;

internal sealed partial class Parser
{
    /// <summary>Unary tests: <c>-</c>, <c>not(tests)</c>, or positive tests separated by commas.</summary>
    private UnaryTestList ParseUnaryTestsEntry()
    {
        if (_tok.Kind == TokenKind.End)
        {
            throw Error("unary tests (for example '< 10', '[1..5]', '\"a\", \"b\"' or '-')");
        }

        if (_tok.Kind == TokenKind.Minus && _lexer.Next(_tok.End).Kind == TokenKind.End)
        {
            Advance();
            return new UnaryTestList([new AnyTest()], false, false);
        }

        if (IsWord("not") && _lexer.Next(_tok.End).Kind == TokenKind.LParen)
        {
            var save = _tok;
            Advance();
            Advance();
            var inner = ParsePositiveTests(TokenKind.RParen);
            Expect(TokenKind.RParen, "',' or ')' after the negated tests");
            if (_tok.Kind == TokenKind.End)
            {
                return new UnaryTestList(inner, true, inner.Any(UsesInput));
            }

            // Not a negation after all but an expression such as not(x) = y: parse again as tests.
            Advance(save.Start);
        }

        var tests = ParsePositiveTests(TokenKind.End);
        ExpectEnd();
        return new UnaryTestList(tests, false, tests.Any(UsesInput));
    }

    private static bool UsesInput(UnaryTest t) => t.Node is { } n && Uses(n, "?");

    private UnaryTest[] ParsePositiveTests(TokenKind closing)
    {
        var tests = new List<UnaryTest> { ParsePositiveTest() };
        while (_tok.Kind == TokenKind.Comma)
        {
            Advance();
            tests.Add(ParsePositiveTest());
        }

        if (_tok.Kind != closing)
        {
            throw Error(closing == TokenKind.End ? "',' or the end of the unary tests" : "',' or ')'");
        }

        return [.. tests];
    }

    private UnaryTest ParsePositiveTest()
    {
        var op = ComparisonOf(_tok.Kind);
        if (op is { } o)
        {
            Advance();
            return new CompareTest(o, ParseAdditive());
        }

        var expression = ParseExpression();
        return new ExpressionTest(expression, Uses(expression, "?"));
    }

    /// <summary>The right side of <c>in</c>: one positive unary test, or several in parentheses.</summary>
    private UnaryTestList ParseInTests()
    {
        UnaryTest[] tests;
        if (_tok.Kind == TokenKind.LParen)
        {
            var start = _tok.Start;
            Advance();
            tests = Nested(() =>
            {
                if (ComparisonOf(_tok.Kind) is null)
                {
                    var first = ParseExpression();
                    if (_tok.Kind == TokenKind.DotDot)
                    {
                        var range = ParseRangeRest(start, first, false);
                        return new UnaryTest[] { new ExpressionTest(range, false) };
                    }

                    var list = new List<UnaryTest> { new ExpressionTest(first, Uses(first, "?")) };
                    while (_tok.Kind == TokenKind.Comma)
                    {
                        Advance();
                        list.Add(ParsePositiveTest());
                    }

                    Expect(TokenKind.RParen, "',' or ')'");
                    return [.. list];
                }

                var all = ParsePositiveTests(TokenKind.RParen);
                Advance();
                return all;
            });
        }
        else if (ComparisonOf(_tok.Kind) is { } op)
        {
            Advance();
            tests = [new CompareTest(op, ParseAdditive())];
        }
        else
        {
            // "x in ? > 3": a test on '?' extends over the comparison.
            var expression = _tok.Kind == TokenKind.Name && _tok.Text == "?" ? ParseComparison() : ParseAdditive();
            tests = [new ExpressionTest(expression, Uses(expression, "?"))];
        }

        return new UnaryTestList(tests, false, tests.Any(UsesInput));
    }

    private static readonly string[] TypeNamesWithKeywords = ["years and months duration", "days and time duration", "date and time"];

    /// <summary>A type after <c>instance of</c> or <c>:</c> in a parameter list.</summary>
    private FeelType ParseType()
    {
        Enter();
        try
        {
            if (_tok.Kind != TokenKind.Name)
            {
                throw Error("a type name (number, string, boolean, date, time, date and time, days and time duration, years and months duration, list<T>, context<...>, range<T>, function<...>->T, Any, Null)");
            }

            var start = _tok.Start;
            string? name = null;
            foreach (var special in TypeNamesWithKeywords)
            {
                if (string.CompareOrdinal(_lexer.Text, start, special, 0, special.Length) == 0)
                {
                    name = special;
                    Advance(start + special.Length);
                    break;
                }
            }

            if (name is null)
            {
                // One word: "number x" after a parameter type is the type and then the body.
                name = _tok.Text!;
                Advance();
            }
            if (_tok.Kind != TokenKind.Less)
            {
                return FeelType.Named(name) ?? throw new ParseException(start, $"found the unknown type '{name}', expected a FEEL type name");
            }

            Advance();
            FeelType result;
            switch (name)
            {
                case "list":
                    result = new ListType(ParseType());
                    break;
                case "range":
                    result = new RangeType(ParseType());
                    break;
                case "context":
                    var entries = new List<KeyValuePair<string, FeelType>>();
                    do
                    {
                        if (entries.Count > 0)
                        {
                            Advance();
                        }

                        var key = ReadName("an entry name");
                        Expect(TokenKind.Colon, "':' after the entry name");
                        entries.Add(new(key, ParseType()));
                    }
                    while (_tok.Kind == TokenKind.Comma);
                    result = new ContextType(entries);
                    break;
                case "function":
                    var count = 0;
                    if (_tok.Kind != TokenKind.Greater)
                    {
                        ParseType();
                        count++;
                        while (_tok.Kind == TokenKind.Comma)
                        {
                            Advance();
                            ParseType();
                            count++;
                        }
                    }

                    Expect(TokenKind.Greater, "'>'");
                    Expect(TokenKind.Arrow, "'->' and the result type");
                    ParseType();
                    return new FunctionType(count);
                default:
                    throw new ParseException(start, $"found '{name}<', expected list<, range<, context< or function<");
            }

            Expect(TokenKind.Greater, "'>'");
            return result;
        }
        finally
        {
            Leave();
        }
    }
}
