using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

public class ApiTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void ParsedExpressionsAreCachedAndReusable()
    {
        var engine = Feel.Engine();
        var a = engine.Parse("x + 1");
        var b = engine.Parse("x + 1");
        Assert.Same(a, b);
        Assert.Equal("x + 1", a.Expression!.Text);
        Assert.Equal("2", Feel.Show(a.Expression.Evaluate(FeelContext.From(("x", FeelValue.From(1)))).Value));
        Assert.Equal("11", Feel.Show(a.Expression.Evaluate(FeelContext.From(("x", FeelValue.From(10)))).Value));
    }

    [Fact]
    public void CacheIsBounded()
    {
        var engine = Feel.Engine(new FeelLimits { MaxCachedExpressions = 10 });
        for (var i = 0; i < 100; i++)
        {
            Assert.True(engine.Parse($"{i} + 1").Succeeded);
        }
    }

    [Fact]
    public void ConstantCallsAreFoldedWhenParsing()
    {
        var engine = Feel.Engine();
        Assert.True(engine.Parse("duration(\"P45D\")").Expression!.IsConstant);
        Assert.True(engine.Parse("date(\"2026-01-31\") + duration(\"P1M\")").Expression!.IsConstant);
        Assert.False(engine.Parse("today()").Expression!.IsConstant);
        Assert.False(engine.Parse("date(x)").Expression!.IsConstant);
    }

    [Fact]
    public void EvaluationIsThreadSafe()
    {
        var expression = Feel.Engine().Parse("for i in 1..n return i * factor").Expression!;
        Parallel.For(0, 200, i =>
        {
            var result = expression.Evaluate(FeelContext.From(("n", FeelValue.From(i % 10 + 1)), ("factor", FeelValue.From(i))));
            var list = Assert.IsType<FeelList>(result.Value);
            Assert.Equal(i % 10 + 1, list.Count);
            Assert.Equal(FeelValue.From(i), list[0]);
        });
    }

    [Fact]
    public void JsonRoundTrip()
    {
        var json = JsonNode.Parse("{\"n\": 1.50, \"s\": \"x\", \"b\": true, \"z\": null, \"l\": [1, [2]], \"c\": {\"d\": \"e\"}}")!.AsObject();
        var context = FeelContext.FromJson(json);
        Assert.Equal("{\"n\":1.5,\"s\":\"x\",\"b\":true,\"z\":null,\"l\":[1,[2]],\"c\":{\"d\":\"e\"}}", context.ToJson()!.ToJsonString());
        Assert.IsType<FeelNumber>(context["n"]);
        Assert.Equal(1.5m, ((FeelNumber)context["n"]).Value);
    }

    [Theory]
    [InlineData("date(\"2026-01-31\")", "\"2026-01-31\"")]
    [InlineData("date and time(\"2026-01-31T10:00:00\")", "\"2026-01-31T10:00:00\"")]
    [InlineData("date and time(\"2026-01-31T10:00:00+01:00\")", "\"2026-01-31T10:00:00+01:00\"")]
    [InlineData("date and time(\"2026-01-31T10:00:00Z\")", "\"2026-01-31T10:00:00Z\"")]
    [InlineData("date and time(\"2026-01-31T10:00:00@Europe/Madrid\")", "\"2026-01-31T10:00:00@Europe/Madrid\"")]
    [InlineData("time(\"10:00:00\")", "\"10:00:00\"")]
    [InlineData("duration(\"P1DT2H\")", "\"P1DT2H\"")]
    [InlineData("duration(\"P1Y2M\")", "\"P1Y2M\"")]
    [InlineData("[1..10]", "\"[1..10]\"")]
    [InlineData("function(a) a", "null")]
    [InlineData("{a: [1, \"x\"]}", "{\"a\":[1,\"x\"]}")]
    [InlineData("2.50", "2.5")]
    [InlineData("null", "null")]
    public void ToJsonFollowsTheContract(string expression, string json)
    {
        var value = Feel.Eval(expression).Value;
        Assert.Equal(json, value.ToJson()?.ToJsonString(Relaxed) ?? "null");
    }

    [Fact]
    public void FeelEqualityAndFactories()
    {
        Assert.Equal(FeelValue.From(1), FeelValue.From(1.0m));
        Assert.Equal(FeelValue.From(1).GetHashCode(), FeelValue.From(1.00m).GetHashCode());
        var engine = Feel.Engine();
        var t1 = engine.Evaluate("time(\"10:00:00+01:00\")").Value;
        var t2 = engine.Evaluate("time(\"09:00:00Z\")").Value;
        Assert.Equal(t1, t2);
        Assert.Equal(t1.GetHashCode(), t2.GetHashCode());
        Assert.NotEqual<FeelValue>(FeelValue.From(1), FeelValue.From("1"));
        Assert.Equal(FeelValue.From(new[] { FeelValue.From(1) }), FeelValue.FromJson(JsonNode.Parse("[1]")));
        Assert.Same(FeelBoolean.True, FeelValue.From(true));
        Assert.Same(FeelNull.Instance, FeelValue.From((string?)null));
        Assert.Same(FeelNull.Instance, FeelValue.From(double.NaN));
        Assert.Equal(FeelValue.From(0.1m), FeelValue.From(0.1d));
        Assert.Equal("2026-01-31T10:00:00+01:00", FeelValue.From(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.FromHours(1))).ToString());
        Assert.Equal("P1DT2H", FeelValue.From(new TimeSpan(1, 2, 0, 0)).ToString());
        Assert.Equal("true", FeelBoolean.True.ToString());
        var context = FeelContext.From(("a", FeelValue.From(1))).With("b", FeelValue.From(2)).With("a", FeelValue.From(3));
        Assert.Equal("{a: 3, b: 2}", context.ToString());
        Assert.True(context.ContainsKey("b"));
        Assert.Equal(FeelNull.Instance, context["zzz"]);
    }

    [Fact]
    public void LargeContextsLookUpByIndex()
    {
        var context = FeelContext.Create(Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, FeelValue>($"k{i}", FeelValue.From(i))));
        Assert.Equal("49", Feel.Show(Feel.Engine().Evaluate("k49", context).Value));
    }

    [Fact]
    public void KnownNamesAreMatchedWhole()
    {
        var engine = Feel.Engine();
        var parsed = engine.Parse("a-b + 1", ["a-b"]);
        Assert.Equal("3", Feel.Show(parsed.Expression!.Evaluate(FeelContext.From(("a-b", FeelValue.From(2)))).Value));
        Assert.Equal("-1", Feel.Show(engine.Parse("a-b").Expression!.Evaluate(FeelContext.From(("a", FeelValue.From(1)), ("b", FeelValue.From(2)))).Value));
    }

    [Fact]
    public void WarningsNameWhatWentWrong()
    {
        var result = Feel.Eval("substring(1, 2)");
        Assert.Contains("substring", result.Warnings.Single().Message, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
    }
}
