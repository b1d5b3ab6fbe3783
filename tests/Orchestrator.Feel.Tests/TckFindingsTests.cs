namespace Orchestrator.Feel.Tests;

/// <summary>
/// Behaviour fixed after running the DMN TCK's FEEL cases (compliance-level-3) locally: our own
/// cases, one table per area, each naming the DMN 1.5 rule or TCK folder that decides it.
/// </summary>
public class TckFindingsTests
{
    // Numbers: scientific notation in literals (DMN 1.5 §10.3.2.3.1; TCK 0068-feel-equality).
    [Theory]
    [InlineData("3e2", "300")]
    [InlineData("2.5e3 = 2500", "true")]
    [InlineData("4E-2", "0.04")]
    [InlineData("1e+2 * 2", "200")]
    [InlineData("-7.5e1", "-75")]
    [InlineData("count(for i in 1..2e1 return i)", "20")]
    public void ScientificNotation(string expression, string expected) => Feel.Check(expression, expected);

    // Rounding: an explicit null scale is null even where the scale is optional (TCK 1101, 1102).
    [Theory]
    [InlineData("floor(-2.75, null)")]
    [InlineData("ceiling(n: 3.2, scale: null)")]
    [InlineData("round half up(8.5, null)")]
    public void ExplicitNullScaleIsNull(string expression)
    {
        var result = Feel.Eval(expression);
        Assert.Equal("null", Feel.Show(result.Value));
    }

    [Theory]
    [InlineData("floor(-2.75)", "-3")]
    [InlineData("ceiling(n: 3.2)", "4")]
    public void OmittedOptionalScaleStillWorks(string expression, string expected) => Feel.Check(expression, expected);

    // List functions that take "a list or items" need at least one argument (TCK 0059, 0060, 0062).
    [Theory]
    [InlineData("any()")]
    [InlineData("all()")]
    [InlineData("mode()")]
    [InlineData("sum()")]
    [InlineData("max()")]
    public void ListOrItemsFunctionsWithoutArgumentsAreNull(string expression) => Feel.CheckNullWithWarning(expression);

    // Named arguments: an unsupplied parameter is bound to null (DMN 1.5 §10.3.2.13.5; TCK 0103, 1155).
    [Theory]
    [InlineData("is(value2: 3)", "false")]
    [InlineData("is(value1: null)", "true")]
    [InlineData("list replace(list: [5, 6], newItem: 0, match: function(item, newItem) item > 5)", "[5, 0]")]
    [InlineData("list replace(newItem: \"z\", list: [\"x\", \"y\"], position: -1)", "[\"x\", \"z\"]")]
    public void UnsuppliedNamedParametersAreNull(string expression, string expected) => Feel.Check(expression, expected);

    // list replace with a match function: it must take (item, newItem) and answer a boolean (TCK 1155).
    [Theory]
    [InlineData("list replace([5, 6], function(item, newItem) item, 0)")]
    [InlineData("list replace([5], function(x) true, 0)")]
    [InlineData("list replace([5], function(a, b, c) true, 0)")]
    public void ListReplaceMatchMustBeABooleanFunctionOfTwo(string expression) => Feel.CheckNullWithWarning(expression);

    // The implicit conversion from a singleton list for single-valued parameters (DMN 1.5 §10.3.2.9.4; TCK 0021).
    [Theory]
    [InlineData("upper case([\"abc\"])", "\"ABC\"")]
    [InlineData("string length([\"four\"])", "4")]
    [InlineData("abs([-3])", "3")]
    [InlineData("substring([\"workflow\"], [5])", "\"flow\"")]
    [InlineData("upper case(names[item = \"Ann\"])", "\"ANN\"")]
    [InlineData("count([\"a\"])", "1")]
    [InlineData("index of([[1], [2]], [2])", "[2]")]
    public void SingletonListsConvertToTheirItem(string expression, string expected) =>
        Feel.Check(expression, expected, """{"names": ["Ann", "Bo"]}""");

    [Theory]
    [InlineData("upper case([\"a\", \"b\"])")]
    [InlineData("abs([])")]
    public void LongerListsDoNotConvert(string expression) => Feel.CheckNullWithWarning(expression);

    // Range literals: an endpoint that is null is not "unbounded", and endpoints must ascend
    // (DMN 1.5 §10.3.2.7; TCK 0068 range_006 to _009, 0072 null_001, 1156).
    [Theory]
    [InlineData("7 in [3..missing]")]
    [InlineData("7 in (missing..10]")]
    [InlineData("[9..2]")]
    [InlineData("(\"m\"..\"c\")")]
    [InlineData("for n in [4..1] return n")]
    public void NullOrDescendingRangeEndpointsAreNull(string expression) => Feel.CheckNullWithWarning(expression);

    [Theory]
    [InlineData("(< 10) = (missing..10)", "false")]
    [InlineData("(>= 2) = [2..missing)", "false")]
    [InlineData("7 in [3..7]", "true")]
    [InlineData("7 in < 8", "true")]
    [InlineData("[2..2] = [2..2]", "true")]
    public void RangesWithWrittenEndpoints(string expression, string expected) => Feel.Check(expression, expected);

    // range(from): an interval literal with literal endpoints only (DMN 1.5 table 76; TCK 1156).
    [Theory]
    [InlineData("range(\"[@\\\"2027-01-05\\\"..@\\\"2027-01-01\\\"]\")")]
    [InlineData("range(\"< 4\")")]
    [InlineData("range(\"[number(\\\"1\\\")..5]\")")]
    [InlineData("range(\"[1..null]\")")]
    public void RangeFunctionRejectsNonLiteralRanges(string expression) => Feel.CheckNullWithWarning(expression);

    [Theory]
    [InlineData("range(\"[1..5)\") = [1..5)", "true")]
    [InlineData("range(\"(date(\\\"2027-01-01\\\")..@\\\"2027-02-01\\\"]\") = (date(\"2027-01-01\")..date(\"2027-02-01\")]", "true")]
    [InlineData("range(\" [\\\"a\\\"..\\\"k\\\"] \") = [\"a\"..\"k\"]", "true")]
    public void RangeFunctionReadsLiteralRanges(string expression, string expected) => Feel.Check(expression, expected);

    // Iteration over dates (DMN 1.5 §10.3.2.14) and over what cannot be iterated (TCK 0084).
    [Theory]
    [InlineData("for d in @\"2027-02-27\"..@\"2027-03-02\" return d", "[date(\"2027-02-27\"), date(\"2027-02-28\"), date(\"2027-03-01\"), date(\"2027-03-02\")]")]
    [InlineData("for d in date(\"2027-01-03\")..date(\"2027-01-01\") return day of year(d)", "[3, 2, 1]")]
    [InlineData("for d in [date(\"2027-01-01\")..date(\"2027-01-03\")) return d.day", "[1, 2]")]
    [InlineData("every d in [date(\"2027-12-30\")..date(\"2028-01-02\")] satisfies d.month in (1, 12)", "true")]
    [InlineData("for i in null return i", "[]")]
    public void IterationOverDates(string expression, string expected) => Feel.Check(expression, expected);

    [Theory]
    [InlineData("for t in @\"10:00:00\"..@\"11:00:00\" return t")]
    [InlineData("for x in \"a\"..\"c\" return x")]
    [InlineData("for x in [@\"P1D\"..@\"P3D\"] return x")]
    [InlineData("some x in 1.5..3 satisfies true")]
    [InlineData("for i in 1..2, t in [@\"2027-01-01T00:00:00\"..@\"2027-01-02T00:00:00\"] return i")]
    public void IteratingSomethingNotIterableIsNull(string expression) => Feel.CheckNullWithWarning(expression);

    // 24:00:00 is the midnight that ends the day (XML Schema; TCK 0100-arithmetic).
    [Theory]
    [InlineData("date and time(\"2027-03-15T24:00:00\")", "date and time(\"2027-03-16T00:00:00\")")]
    [InlineData("@\"2027-12-31T24:00:00Z\"", "date and time(\"2028-01-01T00:00:00Z\")")]
    [InlineData("@\"2027-03-15T24:00:00\" - @\"PT2H\"", "date and time(\"2027-03-15T22:00:00\")")]
    [InlineData("time(\"24:00:00\")", "time(\"00:00:00\")")]
    public void HourTwentyFour(string expression, string expected) => Feel.Check(expression, expected);

    [Theory]
    [InlineData("time(\"24:00:01\")")]
    [InlineData("date and time(\"2027-03-15T24:30:00\")")]
    [InlineData("date and time(\"9999-12-31T24:00:00\")")]
    public void HourTwentyFourOnlyAtMidnight(string expression) => Feel.CheckNullWithWarning(expression);

    // A local date and time (or time) against one with an offset: < and > use the other's offset
    // (DMN 1.5 table 54); subtraction is null (table 57), with a date counting as UTC midnight.
    [Theory]
    [InlineData("date and time(\"2027-05-01T08:00:00\") < date and time(\"2027-05-01T08:15:00-04:00\")", "true")]
    [InlineData("date and time(\"2027-05-01T09:00:00+02:00\") >= date and time(\"2027-05-01T09:00:00\")", "true")]
    [InlineData("time(\"07:45:00\") > time(\"07:30:00+05:00\")", "true")]
    [InlineData("date and time(\"2027-05-01T08:00:00\") in [date and time(\"2027-05-01T07:00:00Z\")..date and time(\"2027-05-01T09:00:00Z\")]", "true")]
    [InlineData("date and time(\"2027-05-01T12:00:00\") between date and time(\"2027-05-01T11:00:00@Asia/Tokyo\") and date and time(\"2027-05-01T13:00:00@Asia/Tokyo\")", "true")]
    [InlineData("date and time(\"2027-05-02T06:00:00+03:00\") - date(\"2027-05-01\")", "duration(\"P1DT3H\")")]
    [InlineData("date(\"2027-05-03\") - date and time(\"2027-05-01T12:00:00Z\")", "duration(\"P1DT12H\")")]
    [InlineData("date and time(\"2027-05-02T06:00:00\") - date and time(\"2027-05-01T06:00:00\")", "duration(\"P1D\")")]
    public void LocalAgainstOffset(string expression, string expected) => Feel.Check(expression, expected);

    [Theory]
    [InlineData("date and time(\"2027-05-02T06:00:00\") - date(\"2027-05-01\")")]
    [InlineData("date(\"2027-05-01\") - date and time(\"2027-05-02T06:00:00\")")]
    [InlineData("date and time(\"2027-05-02T06:00:00@Europe/Rome\") - date and time(\"2027-05-01T06:00:00\")")]
    [InlineData("date and time(\"2027-05-02T06:00:00\") = date and time(\"2027-05-02T06:00:00+00:00\")")]
    public void LocalAgainstOffsetUndefined(string expression) => Feel.CheckNullWithWarning(expression);

    // years and months duration counts whole months between the calendar dates (TCK 1121).
    [Theory]
    [InlineData("years and months duration(date and time(\"2020-03-10T22:00:00-05:00\"), date and time(\"2021-03-10T01:00:00+09:00\"))", "duration(\"P1Y\")")]
    [InlineData("years and months duration(from: date and time(\"2019-06-30T23:59:59\"), to: date and time(\"2019-09-30T00:00:00\"))", "duration(\"P3M\")")]
    [InlineData("years and months duration(date(\"2019-06-30\"), date and time(\"2019-09-29T23:00:00Z\"))", "duration(\"P2M\")")]
    public void YearsAndMonthsBetweenDateTimes(string expression, string expected) => Feel.Check(expression, expected);

    // Built-in names written over several lines (TCK 0068 datetime_005).
    [Theory]
    [InlineData("date and\ntime(\"2027-01-01T08:00:00\")", "date and time(\"2027-01-01T08:00:00\")")]
    [InlineData("years and\r\n    months duration(date(\"2020-01-01\"), date(\"2021-02-01\"))", "duration(\"P1Y1M\")")]
    [InlineData("date  and  time(\"2027-01-01\")", "date and time(\"2027-01-01T00:00:00\")")]
    public void WrappedBuiltinNames(string expression, string expected) => Feel.Check(expression, expected);

    // Regular expressions (XPath rules; TCK 1111).
    [Theory]
    [InlineData("matches(\"x1 y2\", \"x1\\ s y2\", \"x\")", "true")]
    [InlineData("matches(\"x1y2\", \"x 1 y 2\", \"x\")", "true")]
    [InlineData("matches(\"a7\", \"[a\\d]7\")", "true")]
    public void RegexFlagsAndClasses(string expression, string expected) => Feel.Check(expression, expected);

    [Theory]
    [InlineData("matches(\"aa\", \"(a)[\\1]\")")]
    [InlineData("matches(\"ab\", \"(a)[b\\1]\")")]
    [InlineData("matches(\"abc\", \"b\", [])")]
    [InlineData("replace(\"abc\", \"b\", \"x\", 1)")]
    public void RegexErrorsAreNull(string expression) => Feel.CheckNullWithWarning(expression);

    // Declared parameter types are checked at the call, after the singleton-list conversions
    // (DMN 1.5 table 63 and §10.3.2.9.4; TCK 0082 fd_002).
    [Theory]
    [InlineData("{half: function(x: number) x / 2}.half(9)", "4.5")]
    [InlineData("{half: function(x: number) x / 2}.half([9])", "4.5")]
    [InlineData("{size: function(xs: list<string>) count(xs)}.size(\"one\")", "1")]
    [InlineData("{greet: function(who: string, times) string join(for i in 1..times return who)}.greet(\"hi\", 2)", "\"hihi\"")]
    [InlineData("(function(d: date) d.year)(null)", "null")]
    [InlineData("(function(n: Any) n)(false)", "false")]
    public void TypedParametersAcceptConformingArguments(string expression, string expected) => Feel.Check(expression, expected);

    [Theory]
    [InlineData("{half: function(x: number) x / 2}.half(\"9\")")]
    [InlineData("{half: function(x: number) x / 2}.half([9, 10])")]
    [InlineData("(function(d: date) d.year)(date and time(\"2027-01-01T00:00:00\"))")]
    [InlineData("sort([2, 1], function(a: string, b: string) a < b)")]
    public void TypedParametersRejectOtherArguments(string expression)
    {
        var result = Feel.Eval(expression);
        Assert.True(result.Succeeded, $"{expression}: {result.Failure}");
        Assert.NotEmpty(result.Warnings);
    }

    // Variable names with a word that starts with a digit (TCK 0034-drg-scopes: "decision A 1").
    [Theory]
    [InlineData("decision A 1", "\"first\"")]
    [InlineData("{copy: decision A 1}.copy", "\"first\"")]
    [InlineData("step 2 total + 1", "8")]
    public void NamesWithNumberWords(string expression, string expected) =>
        Feel.Check(expression, expected, """{"decision A 1": "first", "step 2 total": 7}""");
}
