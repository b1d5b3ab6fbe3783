using Scriban.Parsing;
using Scriban.Syntax;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// Reads a compiled template's syntax tree before it is ever rendered and refuses every way out of its model that can
/// be seen without data: <c>this</c> (the whole model as one object), <c>import</c> and <c>with</c> (values under
/// names that are not the model's), Scriban's built-in objects and functions (<c>include</c> reads files,
/// <c>object.*</c> inspects values), a call to anything but <see cref="TemplateFunctions"/> or the template's own
/// <c>func</c>, and — where the model is known (emails) — a name outside it or a member of one of its values. It also
/// lists the names the template reads, and those it only tests (<c>{{ if x }}</c>), which a letter treats as optional.
/// </summary>
internal sealed class TemplateChecker
{
    /// <summary>Scriban's built-in objects and functions: none is given to templates, and naming one is refused at once.</summary>
    private static readonly HashSet<string> ScribanBuiltins = new(StringComparer.Ordinal)
    {
        "include", "object", "string", "array", "html", "math", "regex", "timespan", "empty", "blank",
    };

    private static readonly HashSet<string> LoopVariables = new(StringComparer.Ordinal) { "for", "while", "tablerow" };

    private readonly string _file;
    private readonly IReadOnlySet<string>? _model;
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _functions = new(StringComparer.Ordinal);
    private readonly List<(string Name, SourceSpan Span)> _reads = [];
    private readonly HashSet<string> _tested = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    private TemplateChecker(string file, IReadOnlySet<string>? model)
    {
        _file = file;
        _model = model;
    }

    /// <summary>Checks a template's tree.</summary>
    /// <param name="page">The compiled template.</param>
    /// <param name="file">The file (errors name it).</param>
    /// <param name="model">The names the template may read (emails); <c>null</c> when they are only known at rendering (letters).</param>
    /// <returns>The names it reads from its model and those it only tests.</returns>
    /// <exception cref="TemplateException">The template reaches outside its model (the message names the file, line and column of each place).</exception>
    public static (IReadOnlySet<string> Reads, IReadOnlySet<string> Tested) Check(ScriptPage page, string file, IReadOnlySet<string>? model)
    {
        ArgumentNullException.ThrowIfNull(page);
        var checker = new TemplateChecker(file, model);
        checker.CollectBindings(page);
        checker.Walk(page);
        var reads = checker._reads.Select(r => r.Name).Where(n => !checker._bound.Contains(n)).ToHashSet(StringComparer.Ordinal);
        if (model is not null)
        {
            foreach (var (name, span) in checker._reads.Where(r => !checker._bound.Contains(r.Name) && !model.Contains(r.Name)))
            {
                checker.Refuse(span, $"'{name}' is not a value of this template's model; it may use {string.Join(", ", model.Order(StringComparer.Ordinal))}");
            }
        }

        if (checker._problems.Count > 0)
        {
            throw new TemplateException(string.Join(Environment.NewLine, checker._problems));
        }

        return (reads, checker._tested.Where(reads.Contains).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Names the template gives values itself (assignments, captures, loop variables, functions and their parameters).</summary>
    private void CollectBindings(ScriptNode node)
    {
        switch (node)
        {
            case ScriptAssignExpression { Target: ScriptVariableGlobal target }:
                _bound.Add(target.Name);
                break;
            case ScriptCaptureStatement { Target: ScriptVariableGlobal target }:
                _bound.Add(target.Name);
                break;
            case ScriptForStatement { Variable: ScriptVariableGlobal variable }:
                _bound.Add(variable.Name);
                break;
            case ScriptFunction { NameOrDoToken: ScriptVariable name } function:
                _bound.Add(name.Name);
                _functions.Add(name.Name);
                foreach (var parameter in function.Parameters ?? [])
                {
                    if (parameter.Name is { } p)
                    {
                        _bound.Add(p.Name);
                    }
                }

                break;
        }

        foreach (var child in node.Children)
        {
            if (child is not null)
            {
                CollectBindings(child);
            }
        }
    }

    private void Walk(ScriptNode? node)
    {
        switch (node)
        {
            case null:
                return;
            case ScriptThisExpression:
                Refuse(node.Span, "'this' is the whole model as one object; name each value instead");
                return;
            case ScriptImportStatement:
                Refuse(node.Span, "'import' is not allowed: it makes values readable under names that are not the model's");
                return;
            case ScriptWithStatement:
                Refuse(node.Span, "'with' is not allowed: it makes values readable under names that are not the model's");
                return;
            case ScriptVariableGlobal variable:
                Read(variable);
                return;
            case ScriptMemberExpression member:
                WalkMember(member);
                return;
            case ScriptFunctionCall call:
                CheckCallee(call.Target);
                WalkCallee(call.Target);
                foreach (var argument in call.Arguments ?? [])
                {
                    Walk(argument);
                }

                return;
            case ScriptPipeCall pipe:
                Walk(pipe.From);
                if (pipe.To is ScriptFunctionCall piped)
                {
                    Walk(piped);
                }
                else
                {
                    CheckCallee(pipe.To);
                    WalkCallee(pipe.To);
                }

                return;
            case ScriptIfStatement { Condition: ScriptVariableGlobal tested }:
                _tested.Add(tested.Name);
                break;
        }

        foreach (var child in node.Children)
        {
            Walk(child);
        }
    }

    private void WalkMember(ScriptMemberExpression member)
    {
        switch (member.Target)
        {
            // for.index, while.index: the loop's own state.
            case ScriptVariable { Name: var loop } when LoopVariables.Contains(loop) && !_bound.Contains(loop):
                return;
            case ScriptVariableGlobal { Name: var name } variable when ScribanBuiltins.Contains(name) && !_bound.Contains(name):
                Read(variable);
                return;
            case ScriptVariableGlobal { Name: var name } when TemplateFunctions.Names.Contains(name) || _functions.Contains(name):
                Refuse(member.Span, $"'{name}' is a function; it has no members");
                return;
            case ScriptThisExpression:
                Walk(member.Target);
                return;
        }

        if (_model is not null)
        {
            // The values of an email are plain text, dates and links: nothing of them is reached through a member.
            Refuse(member.Span, $"'{member}' reads a member of a value, and an email's values have none");
            return;
        }

        Walk(member.Target);
    }

    private void WalkCallee(ScriptExpression? callee)
    {
        if (callee is not ScriptVariableGlobal)
        {
            Walk(callee);
        }
    }

    private void CheckCallee(ScriptExpression? callee)
    {
        switch (callee)
        {
            case null:
                return;
            case ScriptVariableGlobal { Name: var name } when TemplateFunctions.Names.Contains(name) || _functions.Contains(name):
                return;
            case ScriptVariableGlobal { Name: var name } variable when ScribanBuiltins.Contains(name):
                Read(variable); // refused, naming it as one of Scriban's built-ins
                return;
            case ScriptMemberExpression { Target: ScriptVariableGlobal { Name: var root } } when ScribanBuiltins.Contains(root) && !_bound.Contains(root):
                return; // WalkMember refuses the built-in object
            case ScriptVariableGlobal variable:
                Read(variable);
                Refuse(variable.Span, $"'{variable.Name}' is called as a function, and the only functions are {string.Join(", ", TemplateFunctions.Names)} and the template's own 'func'");
                return;
            default:
                Refuse(callee.Span, $"'{callee}' is called as a function, and the only functions are {string.Join(", ", TemplateFunctions.Names)} and the template's own 'func'");
                return;
        }
    }

    private void Read(ScriptVariableGlobal variable)
    {
        var name = variable.Name;
        if (TemplateFunctions.Names.Contains(name) || _functions.Contains(name) || _bound.Contains(name))
        {
            return;
        }

        if (ScribanBuiltins.Contains(name))
        {
            Refuse(variable.Span, $"'{name}' is one of Scriban's built-in objects and functions, which templates do not get; they may call {string.Join(", ", TemplateFunctions.Names)}");
            return;
        }

        _reads.Add((name, variable.Span));
    }

    private void Refuse(SourceSpan span, string why) =>
        _problems.Add($"{_file}({span.Start.Line + 1},{span.Start.Column + 1}): {why}.");
}
