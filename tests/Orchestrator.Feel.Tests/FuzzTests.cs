using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Feel.Tests;

/// <summary>
/// Fuzz test: at least 100,000 random and mutated inputs, fixed seed. The parser never
/// throws, it only reports errors, each at a line and column inside the input; whatever parses is
/// evaluated under a small budget, and evaluation never throws either. No timing is asserted (the
/// test is sized to take a few seconds here); a hang would show as the test not finishing.
/// </summary>
public sealed class FuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Seed = 20_261_122;
    private const int Inputs = 100_000;

    /// <summary>Small bounds so that whatever a random input asks for ends quickly.</summary>
    private static readonly FeelLimits s_limits = new()
    {
        MaxEvaluationSteps = 20_000,
        MaxListSize = 10_000,
        MaxStringLength = 100_000,
        MaxCallDepth = 32,
        MaxEvaluationTime = TimeSpan.FromSeconds(2),
        RegexTimeout = TimeSpan.FromMilliseconds(200),
        MaxCachedExpressions = 64,
    };

    private static readonly string[] s_tokens =
    [
        "1", "0", "-1", "1.5", ".5", "007", "123456789012345678901234567890", "1e3", "\"a\"", "\"\"", "\"\\\"\"", "\"\\u00e9\"",
        "\"\\n\"", "true", "false", "null", "x", "n1", "s1", "xs", "person", "date of birth", "item", "?",
        "+", "-", "*", "/", "**", "=", "!=", "<", "<=", ">", ">=", "..", ".", ",", ":", ";",
        "(", ")", "[", "]", "{", "}", "and", "or", "not", "not(", "if", "then", "else", "for", "in", "return",
        "some", "every", "satisfies", "between", "instance", "of", "instance of", "function", "external",
        "date", "time", "date and time", "duration", "@\"2026-01-31\"", "@\"P1D\"", "@\"10:00:00@Europe/Paris\"", "@",
        "sum(", "count(", "string length(", "substring(", "matches(", "sort(", "list<number>", "context<a: number>",
        "->", "#", "'", "`", "\\", "\t", "\n", " ", "  ", "//", "/*", "*/", "€", "ñ", "😀",
    ];

    [Fact]
    public void Parser_and_evaluator_never_throw_on_random_and_mutated_input()
    {
        // A 1 MiB stack (smaller than the thread pool's), so deep-nesting bugs surface here rather than in production.
        Exception? crash = null;
        var report = new FuzzReport();
        var thread = new Thread(() =>
        {
            try
            {
                Run(report);
            }
            catch (Exception e)
            {
                crash = e;
            }
        }, maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        output.WriteLine($"{report.Total} inputs, {report.Parsed} parsed, {report.Evaluated} evaluated, {report.Clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (kind, time) in report.TimeByKind.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  {kind}: {time.TotalSeconds:F2} s");
        }

        Assert.Null(crash);
        Assert.True(report.Total >= Inputs, $"only {report.Total} inputs were tried");
        // One example per kind of failure (the text before " for "), most frequent first.
        var kinds = report.Failures
            .GroupBy(f => f.Split(" for \"", 2)[0].Split(" is outside the input", 2)[0].Split(" at line ", 2)[0])
            .OrderByDescending(g => g.Count())
            .Select(g => $"[{g.Count()}x] {g.First()}");
        Assert.True(report.Failures.Count == 0,
            $"{report.Failures.Count} of {report.Total} inputs broke the contract; one example of each kind:\n" + string.Join("\n", kinds.Take(40)));
        // The corpus is meant to reach the evaluator a good part of the time; a parser that rejects everything would pass vacuously.
        Assert.True(report.Parsed > Inputs / 20, $"only {report.Parsed} of {report.Total} inputs parsed; the fuzz corpus no longer exercises the evaluator");
    }

    private sealed class FuzzReport
    {
        public int Total;
        public int Parsed;
        public int Evaluated;
        public readonly List<string> Failures = [];
        public readonly Stopwatch Clock = new();
        public readonly Dictionary<string, TimeSpan> TimeByKind = [];
    }

    private static void Run(FuzzReport report)
    {
        var random = new Random(Seed);
        var engine = new FeelEngine(s_limits);
        var variables = FeelContext.FromJson(DifferentialExpressionGenerator.Variables());
        var corpus = Corpus();
        report.Clock.Start();

        for (var i = 0; i < Inputs; i++)
        {
            var (kind, input) = (i % 10) switch
            {
                0 or 1 => ("tokens", RandomTokens(random)),
                2 or 3 or 4 or 5 => ("mutation", Mutate(random, corpus[random.Next(corpus.Count)])),
                6 => ("mutations", MutateMany(random, corpus[random.Next(corpus.Count)])),
                7 => i % 50 == 7 ? ("nesting", DeepNesting(random)) : ("mutation", Mutate(random, corpus[random.Next(corpus.Count)])),
                8 => ("oddity", Oddities(random, costly: i % 20_000 == 8)),
                _ => ("chars", RandomChars(random)),
            };
            var started = report.Clock.Elapsed;
            Check(engine, variables, input, report);
            report.TimeByKind[kind] = report.TimeByKind.GetValueOrDefault(kind) + (report.Clock.Elapsed - started);
        }
    }

    private static void Check(FeelEngine engine, FeelContext variables, string input, FuzzReport report)
    {
        report.Total++;
        FeelParseResult parsed;
        try
        {
            parsed = engine.Parse(input);
        }
        catch (Exception e)
        {
            report.Failures.Add($"Parse threw {e.GetType().Name}: {e.Message} for {Show(input)}");
            return;
        }

        if (!parsed.Succeeded)
        {
            if (parsed.Errors.Count == 0)
            {
                report.Failures.Add($"Parse failed with no errors for {Show(input)}");
            }

            foreach (var error in parsed.Errors)
            {
                if (!IsInside(input, error.Line, error.Column) || string.IsNullOrWhiteSpace(error.Message))
                {
                    report.Failures.Add($"error at line {error.Line}, column {error.Column} (\"{error.Message}\") is outside the input {Show(input)} ({LineLengths(input)})");
                    break;
                }
            }

            return;
        }

        report.Parsed++;
        try
        {
            var result = parsed.Expression!.Evaluate(variables);
            if (result is null || result.Value is null)
            {
                report.Failures.Add($"Evaluate returned no value for {Show(input)}");
                return;
            }

            report.Evaluated++;
        }
        catch (Exception e)
        {
            report.Failures.Add($"Evaluate threw {e.GetType().Name}: {e.Message} for {Show(input)}");
        }
    }

    /// <summary>True when 1-based (line, column) is a position in the text, or just after the end of its line.</summary>
    internal static bool IsInside(string input, int line, int column)
    {
        if (line < 1 || column < 1)
        {
            return false;
        }

        // Either convention is fine: lines ended by \n only, or by \r\n, \r and \n (as editors do).
        var lfLines = input.Split('\n');
        if (line <= lfLines.Length && column <= lfLines[line - 1].Length + 1)
        {
            return true;
        }

        var lines = SplitLines(input);
        return line <= lines.Count && column <= lines[line - 1] + 1;
    }

    /// <summary>Lengths of the lines of the text (\n, \r\n and \r end a line).</summary>
    private static List<int> SplitLines(string input)
    {
        var lengths = new List<int>();
        var current = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '\r' || c == '\n')
            {
                lengths.Add(current);
                current = 0;
                if (c == '\r' && i + 1 < input.Length && input[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                current++;
            }
        }

        lengths.Add(current);
        return lengths;
    }

    private static string LineLengths(string input) => "line lengths " + string.Join(",", SplitLines(input).Take(10));

    // ---------------------------------------------------------------- input makers

    private static List<string> Corpus()
    {
        var corpus = new List<string>
        {
            "age >= 16 and status = \"active\" and date(admitted) + duration(\"P45D\") > today()",
            "for i in 1..3, j in [10, 20] return i + j",
            "some x in xs satisfies x > 3",
            "every x in [] satisfies x > 1",
            "if n1 > 5 then \"big\" else \"small\"",
            "{a: 1, b: a + 1, \"c d\": [1, 2, {e: @\"2026-01-31\"}]}.b",
            "person.siblings[age > 12].name",
            "xs[item > 2][-1]",
            "date and time(\"2026-01-31T10:00:00@America/Mexico_City\") + duration(\"P1M\")",
            "string join(for n in names return upper case(n), \", \")",
            "matches(s1, \"^H.*d$\", \"i\")",
            "sort(xs, function(a, b) a > b)",
            "function(a, b) a + b",
            "(function(x) x * 2)(21)",
            "substring(\"foobar\", 3, 2) instance of string",
            "5 in [1..10] and 5 in (1..10) and 5 in >= 5 and \"b\" in [\"a\"..\"c\"]",
            "n1 between 1 and 10",
            "not(null) or true and false",
            "@\"P1Y2M\" + @\"P3M\"",
            "time(\"10:00:00+02:00\").hour",
            "[1, 2, 3][item > 1 and item < 3]",
            "get value({a: {b: 1}}, \"a\")",
            "context put({a: 1}, [\"b\", \"c\"], 2)",
            "decimal(1 / 3, 2) * -0.5",
            "round half even(2.345, 2)",
            "years and months duration(date(\"2020-01-31\"), date(\"2021-03-01\"))",
            "list replace([1, 2, 3], 2, 9)",
            "{ x: [1..5], y: x.start }",
            "- - -1",
            "1 + 2 * 3 ** 2 / 4 - 5",
            "\"a\\\"b\\\\c\\u00e9\\n\"",
            "sum: 1",
            "a.b.c.d",
            "count(for i in 1..100 return i)",
            "date(date of birth).year",
            "x[1]",
        };
        corpus.AddRange(new DifferentialExpressionGenerator(7).Generate(400).Select(e => e.Expression));
        return corpus;
    }

    private static string RandomTokens(Random random)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, 25);
        for (var i = 0; i < n; i++)
        {
            sb.Append(s_tokens[random.Next(s_tokens.Length)]);
            if (random.Next(3) != 0)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    private static readonly string[] s_oddText =
    [
        "\u0000", "\uFEFF", "\u200B", "\u200E", "\u202E", "\u00A0", "\u2028", "\u3000", "\uD800", "\uDFFF", "\uD83D\uDE00",
        "e\u0301", "\uFFFF", "\uFFFD", "𝟙", "١٢٣", "Ⅻ", "ß", "İ", "\r", "\r\n", "\t", "\"", "@", "\\", "\\u", "\\uZZZZ", "\\uD800",
    ];

    private static string Mutate(Random random, string text)
    {
        if (text.Length == 0)
        {
            return s_oddText[random.Next(s_oddText.Length)];
        }

        var sb = new StringBuilder(text);
        var at = random.Next(sb.Length);
        switch (random.Next(9))
        {
            case 0:
                sb.Insert(at, (char)random.Next(32, 127));
                break;
            case 1:
                sb.Remove(at, 1);
                break;
            case 2 when sb.Length > 1:
                var other = random.Next(sb.Length);
                (sb[at], sb[other]) = (sb[other], sb[at]);
                break;
            case 3:
                sb.Insert(at, s_oddText[random.Next(s_oddText.Length)]);
                break;
            case 4:
                sb.Length = at; // truncate: unterminated strings, lists, contexts
                break;
            case 5:
                var length = random.Next(1, Math.Min(30, sb.Length - at) + 1);
                sb.Insert(at, sb.ToString(at, length));
                break;
            case 6:
                sb.Insert(at, s_tokens[random.Next(s_tokens.Length)]);
                break;
            case 7:
                sb[at] = "()[]{}\".,:@-+*/<>=!"[random.Next(19)];
                break;
            default:
                sb.Insert(at, new string('9', random.Next(20, 400)));
                break;
        }

        return sb.ToString();
    }

    private static string MutateMany(Random random, string text)
    {
        var n = random.Next(2, 8);
        for (var i = 0; i < n; i++)
        {
            text = Mutate(random, text);
        }

        return text;
    }

    private static string DeepNesting(Random random)
    {
        var depth = random.Next(1, 6) switch
        {
            1 => random.Next(100, 250),
            2 => random.Next(250, 1000),
            3 => random.Next(1000, 4000),
            _ => random.Next(10, 200),
        };
        var balanced = random.Next(3) != 0;
        return random.Next(10) switch
        {
            0 => new string('(', depth) + "1" + (balanced ? new string(')', depth) : ""),
            1 => new string('[', depth) + "1" + (balanced ? new string(']', depth) : ""),
            2 => string.Concat(Enumerable.Repeat("{a:", depth)) + "1" + (balanced ? new string('}', depth) : ""),
            3 => string.Concat(Enumerable.Repeat("not(", depth)) + "true" + (balanced ? new string(')', depth) : ""),
            4 => string.Concat(Enumerable.Repeat("- ", depth)) + "1",
            5 => string.Join(" + ", Enumerable.Repeat("1", depth)),
            6 => string.Concat(Enumerable.Repeat("if true then ", depth)) + "1" + string.Concat(Enumerable.Repeat(" else 0", balanced ? depth : depth / 2)),
            7 => "x" + string.Concat(Enumerable.Repeat(".a", depth)),
            8 => string.Concat(Enumerable.Repeat("for i in [1] return ", depth)) + "i",
            _ => string.Concat(Enumerable.Repeat("f(", depth)) + (balanced ? new string(')', depth) : ""),
        };
    }

    /// <summary>Huge numbers, unterminated strings and temporal literals, over-long input, runaway loops; a catastrophic regex only when <paramref name="costly"/> (it runs to the regex timeout).</summary>
    private static string Oddities(Random random, bool costly) => costly ? "matches(\"" + new string('a', 40) + "!\", \"^(a+)+$\")" : random.Next(13) switch
    {
        0 => new string('9', random.Next(1, 2000)),
        1 => "0." + new string('0', random.Next(1, 200)) + "1",
        2 => "-" + new string('9', random.Next(28, 60)) + "." + new string('9', random.Next(1, 60)),
        3 => new string('9', 30) + " * " + new string('9', 30),
        4 => "\"" + new string('a', random.Next(0, 50)) + (random.Next(2) == 0 ? "\\" : ""),
        5 => "@\"" + "2026-01-" + random.Next(0, 99).ToString(CultureInfo.InvariantCulture),
        6 => "\"\\u" + random.Next(0, 0xFFFF).ToString("x", CultureInfo.InvariantCulture),
        7 => "date(\"" + random.Next(-99999, 99999).ToString(CultureInfo.InvariantCulture) + "-13-45\")",
        8 => "duration(\"P" + new string('9', random.Next(1, 40)) + "D\")",
        9 => "for i in 1..1000000000 return i",
        10 => "string join(for i in 1..100000 return \"aaaaaaaaaa\", \"\")",
        11 => "[1.." + new string('9', random.Next(1, 30)) + "]",
        _ => new string('x', random.Next(10_001, 12_000)),
    };

    private static string RandomChars(Random random)
    {
        var n = random.Next(0, 40);
        var chars = new char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x10000),
                _ => (char)random.Next(9, 127),
            };
        }

        return new string(chars);
    }

    private static string Show(string input)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in input.Length > 160 ? input[..160] : input)
        {
            if (c is >= ' ' and < (char)127 && c != '"' && c != '\\')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        sb.Append('"');
        if (input.Length > 160)
        {
            sb.Append(CultureInfo.InvariantCulture, $"... ({input.Length} chars)");
        }

        return sb.ToString();
    }
}
