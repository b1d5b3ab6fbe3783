using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

public class UnaryTestsTests
{
    private static bool Test(string tests, string inputJson, string? variablesJson = null)
    {
        var parsed = Feel.Engine().ParseUnaryTests(tests);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        var result = parsed.Expression!.Test(FeelValue.FromJson(JsonNode.Parse(inputJson)), Feel.Vars(variablesJson));
        Assert.True(result.Succeeded, result.Failure?.Message);
        return ((FeelBoolean)result.Value).Value;
    }

    [Theory]
    [InlineData("< 10", "5", true)]
    [InlineData("< 10", "10", false)]
    [InlineData("<= 10", "10", true)]
    [InlineData("> 10", "11", true)]
    [InlineData(">= 10", "9", false)]
    [InlineData("= 5", "5", true)]
    [InlineData("!= 5", "5", false)]
    [InlineData("[1..5]", "5", true)]
    [InlineData("[1..5)", "5", false)]
    [InlineData("(1..5]", "1", false)]
    [InlineData("]1..5]", "2", true)]
    [InlineData("\"a\", \"b\"", "\"b\"", true)]
    [InlineData("\"a\", \"b\"", "\"c\"", false)]
    [InlineData("not(\"x\", \"y\")", "\"z\"", true)]
    [InlineData("not(\"x\", \"y\")", "\"x\"", false)]
    [InlineData("not(< 5)", "7", true)]
    [InlineData("-", "\"anything\"", true)]
    [InlineData("-", "null", true)]
    [InlineData("? > 3", "4", true)]
    [InlineData("? > 3", "2", false)]
    [InlineData("? > 3 and ? < 10", "5", true)]
    [InlineData("null", "null", true)]
    [InlineData("null", "1", false)]
    [InlineData("< 10", "null", false)]
    [InlineData("1 + 1", "2", true)]
    [InlineData("[1, 2, 3]", "2", true)]
    [InlineData("< 5, > 10", "12", true)]
    [InlineData("< 5, > 10", "7", false)]
    [InlineData("true", "true", true)]
    [InlineData("false", "false", true)]
    [InlineData("false", "true", false)]
    [InlineData("? = false", "false", true)]
    [InlineData("count(?) > 1", "[1, 2]", true)]
    [InlineData("list contains(?, \"x\")", "[\"x\"]", true)]
    [InlineData("\"2026-01-01\"", "\"2026-01-01\"", true)]
    [InlineData("< date(\"2026-01-01\")", "\"x\"", false)]
    [InlineData("-5", "-5", true)]
    [InlineData("not(-5)", "-5", false)]
    public void UnaryTests(string tests, string input, bool expected) => Assert.Equal(expected, Test(tests, input));

    [Theory]
    [InlineData("< limit", "5", "{\"limit\": 10}", true)]
    [InlineData("[low..high]", "5", "{\"low\": 1, \"high\": 4}", false)]
    [InlineData("allowed", "\"b\"", "{\"allowed\": [\"a\", \"b\"]}", true)]
    [InlineData("age >= 16", "null", "{\"age\": 17}", true)]
    public void UnaryTestsWithVariables(string tests, string input, string vars, bool expected) => Assert.Equal(expected, Test(tests, input, vars));

    [Fact]
    public void TemporalUnaryTests()
    {
        var engine = Feel.Engine();
        var tests = engine.ParseUnaryTests("[date(\"2026-01-01\")..date(\"2026-12-31\")]").Expression!;
        Assert.Equal(FeelBoolean.True, tests.Test(FeelValue.From(new DateOnly(2026, 6, 1))).Value);
        Assert.Equal(FeelBoolean.False, tests.Test(FeelValue.From(new DateOnly(2027, 6, 1))).Value);
    }

    [Fact]
    public void PlainExpressionsCanTestTheirInput()
    {
        var engine = Feel.Engine();
        Assert.Equal(FeelBoolean.True, engine.Parse("? > 3").Expression!.Test(FeelValue.From(4)).Value);
        Assert.Equal(FeelBoolean.True, engine.Parse("[1..5]").Expression!.Test(FeelValue.From(4)).Value);
        Assert.Equal(FeelBoolean.False, engine.Parse("\"a\"").Expression!.Test(FeelValue.From("b")).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("< ")]
    [InlineData("[1..")]
    [InlineData("not(1")]
    [InlineData("1,")]
    [InlineData("- 1 2")]
    public void BadUnaryTestsAreSyntaxErrors(string tests) => Assert.False(Feel.Engine().ParseUnaryTests(tests).Succeeded);

    [Fact]
    public void UnaryTestsHaveNoValueOfTheirOwn()
    {
        var result = Feel.Engine().ParseUnaryTests("< 10").Expression!.Evaluate();
        Assert.True(result.Value.IsNull);
        Assert.NotEmpty(result.Warnings);
    }
}
