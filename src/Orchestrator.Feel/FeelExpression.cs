using System.Text.RegularExpressions;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Syntax;

namespace Orchestrator.Feel;

/// <summary>
/// A parsed FEEL expression or list of unary tests: immutable, thread-safe, reusable. Evaluation
/// never throws: semantic errors give null plus warnings, exhausted limits give a failure.
/// </summary>
public sealed class FeelExpression
{
    private static readonly FeelWarning[] NoWarnings = [];
    private readonly Node? _expression;
    private readonly UnaryTestList? _tests;
    private readonly bool _usesInput;
    private readonly FeelLimits _limits;
    private readonly TimeProvider _time;

    internal FeelExpression(string text, ParsedTree tree, FeelLimits limits, TimeProvider time)
    {
        Text = text;
        _expression = tree.Expression;
        _tests = tree.Tests;
        _usesInput = tree.UsesInput;
        _limits = limits;
        _time = time;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>True when this was parsed as unary tests (<see cref="FeelEngine.ParseUnaryTests"/>).</summary>
    public bool IsUnaryTests => _tests is not null;

    /// <summary>Whether the text is a constant (its value was computed when parsing).</summary>
    public bool IsConstant => _expression is Literal;

    /// <summary>Evaluates the expression against variables.</summary>
    /// <param name="variables">The variables; null for none.</param>
    /// <returns>The value, warnings, or a limit failure.</returns>
    public FeelResult Evaluate(FeelContext? variables = null)
    {
        if (_expression is null)
        {
            return new FeelResult(FeelNull.Instance, [new FeelWarning("unary tests have no value of their own; call Test with an input value")], null);
        }

        if (_expression is Literal literal)
        {
            return new FeelResult(literal.Value, NoWarnings, null);
        }

        return Run(variables, null);
    }

    /// <summary>
    /// Tests an input value: unary tests are applied to it; a plain expression is evaluated with
    /// <c>?</c> bound to the input and its value compared as a unary test (equal to it, containing
    /// it, or a boolean when the expression uses <c>?</c>). The value is always true or false.
    /// </summary>
    /// <param name="input">The value under test.</param>
    /// <param name="variables">The variables; null for none.</param>
    /// <returns>True or false, warnings, or a limit failure.</returns>
    public FeelResult Test(FeelValue input, FeelContext? variables = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = Run(variables, input);
        return result.Failure is null && result.Value is not FeelBoolean
            ? new FeelResult(FeelBoolean.False, result.Warnings, null)
            : result;
    }

    /// <summary>Evaluates (input null) or tests an input; no delegates, so the hot path allocates only the state.</summary>
    private FeelResult Run(FeelContext? variables, FeelValue? input)
    {
        var state = new EvalState(_limits, _time);
        Scope scope = variables is null || variables.Count == 0 ? RootScope.Empty : new RootScope(variables);
        try
        {
            FeelValue value;
            if (input is null)
            {
                value = _expression!.Eval(state, scope);
            }
            else if (_tests is not null)
            {
                value = _tests.Evaluate(input, state, scope);
            }
            else
            {
                var v = _expression!.Eval(state, _usesInput ? new VariableScope("?", input, scope) : scope);
                value = ExpressionTest.Matches(input, v, _usesInput) is { } b ? FeelBoolean.Of(b) : FeelNull.Instance;
            }

            return new FeelResult(value, state.HasWarnings ? state.Warnings : NoWarnings, null);
        }
        catch (FeelLimitException e)
        {
            return Failed(state, e.Message);
        }
        catch (InsufficientExecutionStackException)
        {
            return Failed(state, "evaluation nested too deeply");
        }
        catch (RegexMatchTimeoutException)
        {
            return Failed(state, $"a regular expression ran longer than {_limits.RegexTimeout.TotalSeconds} s");
        }
        catch (OutOfMemoryException)
        {
            return Failed(state, "evaluation ran out of memory");
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            // A defect of this library, not of the expression: still never an exception to the caller.
            state.Warn($"internal error while evaluating: {e.GetType().Name}: {e.Message}");
            return new FeelResult(FeelNull.Instance, state.Warnings, null);
        }
    }

    private static FeelResult Failed(EvalState state, string message) =>
        new(FeelNull.Instance, state.Warnings, new FeelFailure(FeelFailure.Limit, message));
}
