using System.Collections.Concurrent;
using Orchestrator.Feel.Syntax;

namespace Orchestrator.Feel;

/// <summary>
/// Entry point: parses FEEL text into reusable <see cref="FeelExpression"/>s (cached by text) and
/// evaluates them. Thread-safe; one engine per application is enough.
/// </summary>
public sealed class FeelEngine
{
    private readonly ConcurrentDictionary<string, FeelParseResult> _expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FeelParseResult> _unaryTests = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an engine.</summary>
    /// <param name="limits">Bounds for parsing and evaluation; <see cref="FeelLimits.Default"/> when null.</param>
    /// <param name="timeProvider">The clock of <c>now()</c> and <c>today()</c> (its local zone is FEEL's local zone); the system clock when null.</param>
    public FeelEngine(FeelLimits? limits = null, TimeProvider? timeProvider = null)
    {
        Limits = limits ?? FeelLimits.Default;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The limits in force.</summary>
    public FeelLimits Limits { get; }

    /// <summary>Parses an expression (cached by text). Never throws.</summary>
    /// <param name="expression">The FEEL text.</param>
    /// <returns>The expression or the syntax errors.</returns>
    public FeelParseResult Parse(string expression) => Parse(expression, null);

    /// <summary>
    /// Parses an expression that may use variable names the plain grammar cannot split, such as
    /// names with keywords or operators in them (<c>income/expenses</c>, <c>terms and conditions</c>):
    /// such names are matched whole, longest first. Never throws.
    /// </summary>
    /// <param name="expression">The FEEL text.</param>
    /// <param name="knownNames">Variable names in scope.</param>
    /// <returns>The expression or the syntax errors.</returns>
    public FeelParseResult Parse(string expression, IEnumerable<string>? knownNames)
    {
        expression ??= string.Empty;
        var special = knownNames?.Where(Parser.NeedsGreedyMatch).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var key = special is { Length: > 0 } ? expression + "\u0000" + string.Join("\u0000", special) : expression;
        return GetOrParse(_expressions, key, () => Build(expression, false, special));
    }

    /// <summary>Parses unary tests (<c>&lt; 10</c>, <c>[1..5]</c>, <c>"a", "b"</c>, <c>not("x")</c>, <c>-</c>, <c>? &gt; 3</c>), cached by text. Never throws.</summary>
    /// <param name="unaryTests">The FEEL unary tests.</param>
    /// <returns>The tests or the syntax errors.</returns>
    public FeelParseResult ParseUnaryTests(string unaryTests)
    {
        unaryTests ??= string.Empty;
        return GetOrParse(_unaryTests, unaryTests, () => Build(unaryTests, true, null));
    }

    /// <summary>Parses (cached) and evaluates; a syntax error gives a failure with code <c>syntax</c>.</summary>
    /// <param name="expression">The FEEL text.</param>
    /// <param name="variables">The variables; null for none.</param>
    /// <returns>The result.</returns>
    public FeelResult Evaluate(string expression, FeelContext? variables = null)
    {
        var parsed = NeedsKnownNames(variables) ? Parse(expression, variables!.Keys) : Parse(expression);
        if (parsed.Expression is null)
        {
            return new FeelResult(FeelNull.Instance, [], new FeelFailure(FeelFailure.Syntax, string.Join("; ", parsed.Errors)));
        }

        return parsed.Expression.Evaluate(variables);
    }

    /// <summary>Whether some variable name needs whole-name matching (contains a keyword or operator character).</summary>
    private static bool NeedsKnownNames(FeelContext? variables)
    {
        if (variables is null)
        {
            return false;
        }

        foreach (var key in variables.Keys)
        {
            if (Parser.NeedsGreedyMatch(key))
            {
                return true;
            }
        }

        return false;
    }

    private FeelParseResult Build(string text, bool unaryTests, IEnumerable<string>? knownNames)
    {
        var tree = Parser.Parse(text, unaryTests, Limits, knownNames);
        return tree.Error is { } error
            ? new FeelParseResult(null, [error])
            : new FeelParseResult(new FeelExpression(text, tree, Limits, _time), []);
    }

    private FeelParseResult GetOrParse(ConcurrentDictionary<string, FeelParseResult> cache, string key, Func<FeelParseResult> parse)
    {
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = parse();
        if (cache.Count >= Limits.MaxCachedExpressions)
        {
            // Crude but bounded: hostile streams of distinct texts cannot grow the cache without end.
            cache.Clear();
        }

        cache.TryAdd(key, result);
        return result;
    }
}
