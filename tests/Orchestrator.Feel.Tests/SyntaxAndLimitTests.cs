
namespace Orchestrator.Feel.Tests;

public class SyntaxAndLimitTests
{
    [Theory]
    [InlineData("1 +", 1, 4, "found the end of the input, expected an expression")]
    [InlineData("(1 + 2", 1, 7, "expected ')'")]
    [InlineData("[1, 2", 1, 6, "expected ',' or ']'")]
    [InlineData("{a 1}", 1, 5, "expected ':'")]
    [InlineData("if x then 1", 1, 12, "expected 'else'")]
    [InlineData("if x 1 else 2", 1, 6, "expected 'then'")]
    [InlineData("for x [1] return x", 1, 7, "expected 'in'")]
    [InlineData("some x in [1] x > 1", 1, 15, "expected ',' or 'satisfies'")]
    [InlineData("1 +\n  * 2", 2, 3, "found '*', expected an expression")]
    [InlineData("x\r\ny +", 2, 4, "found the end of the input")]
    [InlineData("\"abc", 1, 1, "unclosed string")]
    [InlineData("1 ! 2", 1, 3, "found '!'")]
    [InlineData("a # b", 1, 3, "found '#'")]
    [InlineData("@\"2026-13-01\"", 1, 1, "temporal literal")]
    [InlineData("1 2", 1, 3, "found the number 2, expected an operator or the end of the input")]
    [InlineData("function(a) external {java: {}}", 1, 13, "external functions")]
    [InlineData("x instance of foo", 1, 15, "unknown type 'foo'")]
    [InlineData("{a: 1, a: 2}", 1, 8, "key 'a' twice")]
    [InlineData("f(a: 1, 2)", 1, 9, "cannot be mixed")]
    [InlineData("\"\\u12\"", 1, 2, "hexadecimal")]
    [InlineData("/* open", 1, 1, "unclosed comment")]
    [InlineData("", 1, 1, "expected an expression")]
    [InlineData("99999999999999999999999999999999", 1, 1, "too large")]
    public void SyntaxErrorsReportLineColumnAndExpectation(string expression, int line, int column, string message)
    {
        var parsed = Feel.Engine().Parse(expression);
        Assert.False(parsed.Succeeded);
        var error = Assert.Single(parsed.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"line {line}, column {column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateReportsSyntaxFailure()
    {
        var result = Feel.Engine().Evaluate("1 +");
        Assert.False(result.Succeeded);
        Assert.Equal("syntax", result.Failure!.Code);
        Assert.Contains("line 1, column 4", result.Failure.Message, StringComparison.Ordinal);
        Assert.True(result.Value.IsNull);
    }

    [Fact]
    public void TenThousandNestedParenthesesAreASyntaxErrorNamingTheNestingLimit()
    {
        var text = new string('(', 10_000) + "1" + new string(')', 10_000);
        var engine = Feel.Engine(new FeelLimits { MaxExpressionLength = 100_000 });
        var parsed = engine.Parse(text);
        Assert.False(parsed.Succeeded);
        Assert.Contains("nesting deeper than 200", parsed.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", 5_000)]
    [InlineData("-", 5_000)]
    [InlineData("{a:", 3_000)]
    [InlineData("if true then ", 700)]
    [InlineData("not(", 2_000)]
    public void DeepNestingOfAnyKindIsASyntaxError(string opener, int count)
    {
        var text = string.Concat(Enumerable.Repeat(opener, count)) + "1";
        var parsed = Feel.Engine(new FeelLimits { MaxExpressionLength = 100_000 }).Parse(text);
        Assert.False(parsed.Succeeded);
    }

    [Fact]
    public void LongFlatChainsAreFine()
    {
        var text = string.Join(" + ", Enumerable.Repeat("1", 2_000));
        Feel.Check(text, "2000");
        var path = "x" + string.Concat(Enumerable.Repeat(".a", 150));
        Assert.True(Feel.Engine().Parse(path).Succeeded);
    }

    [Fact]
    public void TooLongExpressionIsASyntaxError()
    {
        var parsed = Feel.Engine().Parse(new string('1', 10_001));
        Assert.False(parsed.Succeeded);
        Assert.Contains("at most 10000", parsed.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionIterationForEndsWithLimitFailure()
    {
        var result = Feel.Eval("for i in 1..1000000000 return i");
        Assert.False(result.Succeeded);
        Assert.Equal("limit", result.Failure!.Code);
        Assert.True(result.Value.IsNull);
    }

    [Theory]
    [InlineData("count(for i in 1..100000000 return i)")]
    [InlineData("some i in 1..1000000000 satisfies i < 0")]
    [InlineData("{f: function(n) f(n + 1)}.f(1)")]
    [InlineData("{f: function(n) if n = 0 then 0 else 1 + f(n - 1)}.f(100000)")]
    [InlineData("for a in 1..10000, b in 1..10000 return 1")]
    public void RunawayEvaluationsHitALimit(string expression)
    {
        var result = Feel.Eval(expression);
        Assert.False(result.Succeeded);
        Assert.Equal("limit", result.Failure!.Code);
    }

    [Fact]
    public void SmallBudgetsAreHonoured()
    {
        var engine = Feel.Engine(new FeelLimits { MaxEvaluationSteps = 100 });
        Assert.Equal("limit", engine.Evaluate("for i in 1..1000 return i").Failure?.Code);
        Assert.True(engine.Evaluate("for i in 1..10 return i").Succeeded);
        var lists = Feel.Engine(new FeelLimits { MaxListSize = 10 });
        Assert.Equal("limit", lists.Evaluate("for i in 1..11 return i").Failure?.Code);
        var strings = Feel.Engine(new FeelLimits { MaxStringLength = 10 });
        Assert.Equal("limit", strings.Evaluate("\"123456\" + \"123456\"").Failure?.Code);
    }

    [Fact]
    public void RunawayRegexEndsWithLimitFailure()
    {
        var engine = Feel.Engine(new FeelLimits { RegexTimeout = TimeSpan.FromMilliseconds(100) });
        var result = engine.Evaluate("matches(x, \"^(a+)+$\")", Feel.Vars("{\"x\": \"" + new string('a', 5000) + "!\"}"));
        Assert.Equal("limit", result.Failure?.Code);
    }

    [Fact]
    public void ParseNeverThrowsOnOddInput()
    {
        string[] inputs = ["\0", "\"\\", "@", "`", "`a", "..", "[..]", "(..)", "]", "}", ")", "a.", "a..b", "f(", "f(a:", "function(", "for", "some x", "x instance", "x instance of list<", "\uD800", "?", "? ?", "-", "not(", "1..2"];
        var engine = Feel.Engine();
        foreach (var input in inputs)
        {
            var parsed = engine.Parse(input);
            if (parsed.Succeeded)
            {
                _ = parsed.Expression!.Evaluate();
            }

            _ = engine.ParseUnaryTests(input);
        }
    }
}
