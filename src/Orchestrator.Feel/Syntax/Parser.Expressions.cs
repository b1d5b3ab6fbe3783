using Orchestrator.Feel.Builtins;
using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed partial class Parser
{
    private const string ExpressionExpected = "an expression";

    private Node ParseExpression()
    {
        Enter();
        try
        {
            return ParseDisjunction();
        }
        finally
        {
            Leave();
        }
    }

    private Node ParseDisjunction()
    {
        var start = _tok.Start;
        var first = ParseConjunction();
        if (!IsWord("or"))
        {
            return first;
        }

        var operands = new List<Node> { first };
        while (IsWord("or"))
        {
            Advance();
            operands.Add(ParseConjunction());
        }

        return Fold(new OrNode(start, [.. operands]));
    }

    private Node ParseConjunction()
    {
        var start = _tok.Start;
        var first = ParseComparison();
        if (!IsWord("and"))
        {
            return first;
        }

        var operands = new List<Node> { first };
        while (IsWord("and"))
        {
            Advance();
            operands.Add(ParseComparison());
        }

        return Fold(new AndNode(start, [.. operands]));
    }

    private static CompareOp? ComparisonOf(TokenKind kind) => kind switch
    {
        TokenKind.Equal => CompareOp.Equal,
        TokenKind.NotEqual => CompareOp.NotEqual,
        TokenKind.Less => CompareOp.Less,
        TokenKind.LessOrEqual => CompareOp.LessOrEqual,
        TokenKind.Greater => CompareOp.Greater,
        TokenKind.GreaterOrEqual => CompareOp.GreaterOrEqual,
        _ => null,
    };

    private Node ParseComparison()
    {
        var start = _tok.Start;
        var left = ParseAdditive();
        while (true)
        {
            if (ComparisonOf(_tok.Kind) is { } op)
            {
                Advance();
                left = Fold(new CompareNode(start, op, left, ParseAdditive()));
            }
            else if (IsWord("between"))
            {
                Advance();
                var low = ParseAdditive();
                ExpectWord("and");
                left = Fold(new BetweenNode(start, left, low, ParseAdditive()));
            }
            else if (IsWord("in"))
            {
                Advance();
                left = new InNode(start, left, ParseInTests());
            }
            else if (IsWord("instance"))
            {
                Advance();
                ExpectWord("of");
                left = Fold(new InstanceOfNode(start, left, ParseType()));
            }
            else
            {
                return left;
            }
        }
    }

    private Node ParseAdditive() => ParseChain(ParseMultiplicative, k => k switch
    {
        TokenKind.Plus => ArithmeticOp.Add,
        TokenKind.Minus => ArithmeticOp.Subtract,
        _ => null,
    });

    private Node ParseMultiplicative() => ParseChain(ParseExponentiation, k => k switch
    {
        TokenKind.Star => ArithmeticOp.Multiply,
        TokenKind.Slash => ArithmeticOp.Divide,
        _ => null,
    });

    private Node ParseExponentiation() => ParseChain(ParseUnary, k => k == TokenKind.StarStar ? ArithmeticOp.Power : null);

    private Node ParseChain(Func<Node> operand, Func<TokenKind, ArithmeticOp?> opOf)
    {
        var start = _tok.Start;
        var first = operand();
        if (opOf(_tok.Kind) is null)
        {
            return first;
        }

        var operands = new List<Node> { first };
        var ops = new List<ArithmeticOp>();
        while (opOf(_tok.Kind) is { } op)
        {
            Advance();
            ops.Add(op);
            operands.Add(operand());
        }

        return Fold(new ArithmeticChain(start, [.. operands], [.. ops]));
    }

    private Node ParseUnary()
    {
        if (_tok.Kind != TokenKind.Minus)
        {
            return ParsePostfix();
        }

        var start = _tok.Start;
        Advance();
        Enter();
        try
        {
            return Fold(new NegateNode(start, ParseUnary()));
        }
        finally
        {
            Leave();
        }
    }

    private Node ParsePostfix()
    {
        var start = _tok.Start;
        var node = ParsePrimary();
        var levels = 0;
        try
        {
            while (true)
            {
                if (_tok.Kind == TokenKind.Dot)
                {
                    Advance();
                    Enter();
                    levels++;
                    node = Fold(new PathNode(start, node, ReadName("a name after '.'")));
                }
                else if (_tok.Kind == TokenKind.LBracket && !_rangeEndMode)
                {
                    Advance();
                    Enter();
                    levels++;
                    var filter = Nested(ParseExpression);
                    Expect(TokenKind.RBracket, "']' to close the filter");
                    node = new FilterNode(start, node, filter);
                }
                else if (_tok.Kind == TokenKind.LParen)
                {
                    Enter();
                    levels++;
                    node = ParseCall(start, node);
                }
                else
                {
                    return node;
                }
            }
        }
        finally
        {
            _depth -= levels;
        }
    }

    private Node ParseCall(int start, Node callee)
    {
        Advance();
        var (args, names) = Nested(ParseArguments);
        if (callee is NameRef { Name: var name } && !IsBound(name))
        {
            if (name == "is defined" && names is null && args.Length == 1)
            {
                return new IsDefinedNode(start, args[0]);
            }

            if (BuiltinRegistry.TryGet(name, out var builtin))
            {
                return Fold(new BuiltinCallNode(start, builtin, args, names));
            }
        }

        return new DynamicCallNode(start, callee, args, names);
    }

    private (Node[] Args, string[]? Names) ParseArguments()
    {
        var args = new List<Node>();
        List<string>? names = null;
        if (_tok.Kind == TokenKind.RParen)
        {
            Advance();
            return ([], null);
        }

        var named = LooksNamed();
        while (true)
        {
            if (named)
            {
                var argStart = _tok.Start;
                var name = ReadName("a parameter name");
                Expect(TokenKind.Colon, "':' after the parameter name");
                names ??= [];
                if (names.Contains(name))
                {
                    throw new ParseException(argStart, $"found the parameter '{name}' twice, expected each parameter at most once");
                }

                names.Add(name);
            }

            args.Add(ParseExpression());
            if (_tok.Kind == TokenKind.Comma)
            {
                Advance();
                if (named != LooksNamed())
                {
                    throw Error(named ? "a named argument (name: value): positional and named arguments cannot be mixed" : "a positional argument: positional and named arguments cannot be mixed");
                }

                continue;
            }

            Expect(TokenKind.RParen, "',' or ')' in the argument list");
            return ([.. args], names?.ToArray());
        }
    }

    /// <summary>Whether the next argument is <c>name: value</c> (words, spaces, then a colon).</summary>
    private bool LooksNamed()
    {
        if (_tok.Kind != TokenKind.Name || _tok.Text == "?")
        {
            return false;
        }

        if (_tok.Quoted)
        {
            return _lexer.Next(_tok.End).Kind == TokenKind.Colon;
        }

        var text = _lexer.Text;
        var i = _tok.Start;
        while (i < text.Length && (Lexer.IsNamePart(text[i]) || text[i] == ' '))
        {
            i++;
        }

        return i < text.Length && text[i] == ':';
    }
}
