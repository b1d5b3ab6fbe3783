using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime;

/// <summary>FEEL over the visible variables: evaluation, conditions, and the typed readings of attribute values (text, lists).</summary>
internal sealed partial class InstanceRun
{
    public bool TryEvaluate(string text, ExecutionState scope, out FeelValue value, out string error) =>
        TryEvaluate(text, BuildContext(scope), out value, out error);

    public bool TryEvaluate(string text, FeelContext context, out FeelValue value, out string error)
    {
        var parsed = Deployed.Compile(Engine.Feel, text);
        if (parsed.Expression is null)
        {
            value = FeelNull.Instance;
            error = $"'{text}' does not parse: {string.Join("; ", parsed.Errors)}";
            return false;
        }

        var result = parsed.Expression.Evaluate(context);
        value = result.Value;
        if (result.Failure is { } failure)
        {
            error = $"'{text}' failed: {failure.Message}";
            return false;
        }

        error = "";
        return true;
    }

    public bool TryCondition(string text, ExecutionState scope, out bool holds, out string error)
    {
        holds = false;
        if (!TryEvaluate(text, scope, out var v, out error))
        {
            return false;
        }

        switch (v)
        {
            case FeelBoolean b:
                holds = b.Value;
                return true;
            case FeelNull:
                return true;
            default:
                error = $"'{text}' gave {v}, not a boolean.";
                return false;
        }
    }

    public FeelContext BuildContext(ExecutionState scope)
    {
        // Fast path: only the process scope has variables.
        ExecutionState? only = null;
        var count = 0;
        for (var s = scope; s is not null; s = ParentOf(s))
        {
            if (s.Vars is { Count: > 0 })
            {
                only = s;
                count++;
            }
        }

        if (count == 0)
        {
            return FeelContext.Empty;
        }

        if (count == 1)
        {
            return FeelContext.FromJson(only!.Vars!);
        }

        var chain = new List<JsonObject>(count);
        for (var s = scope; s is not null; s = ParentOf(s))
        {
            if (s.Vars is { Count: > 0 } v)
            {
                chain.Add(v);
            }
        }

        var entries = new List<KeyValuePair<string, FeelValue>>();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (k, v) in chain[i])
            {
                entries.Add(new KeyValuePair<string, FeelValue>(k, FeelValue.FromJson(v)));
            }
        }

        return FeelContext.Create(entries);
    }

    /// <summary>A literal, or FEEL giving a string (numbers are written invariantly); <c>null</c> stays <c>null</c>.</summary>
    public bool TryString(ValueExpression? expr, ExecutionState e, out string? text, out string error)
    {
        error = "";
        text = null;
        if (expr is null)
        {
            return true;
        }

        if (!expr.IsFeel)
        {
            text = expr.Text;
            return true;
        }

        if (!TryEvaluate(expr.Text, e, out var v, out error))
        {
            return false;
        }

        text = AsText(v);
        return true;
    }

    public static string? AsText(FeelValue v) => v switch
    {
        FeelNull => null,
        FeelString s => s.Value,
        FeelNumber n => FeelNumber.Normalize(n.Value).ToString(CultureInfo.InvariantCulture),
        _ => v.ToJson()?.ToJsonString() is { } j && j.StartsWith('"') ? j.Trim('"') : v.ToString(),
    };

    /// <summary>A comma-separated literal, or FEEL giving a list of strings or one string.</summary>
    public bool TryList(ValueExpression? expr, ExecutionState e, List<string> into, out string error)
    {
        error = "";
        if (expr is null)
        {
            return true;
        }

        if (!expr.IsFeel)
        {
            Split(expr.Text, into);
            return true;
        }

        if (!TryEvaluate(expr.Text, e, out var v, out error))
        {
            return false;
        }

        if (v is FeelList list)
        {
            foreach (var item in list.Items)
            {
                if (AsText(item) is { Length: > 0 } s)
                {
                    into.Add(s);
                }
            }
        }
        else if (AsText(v) is { } s)
        {
            Split(s, into);
        }

        return true;

        static void Split(string text, List<string> into)
        {
            foreach (var part in text.Split(','))
            {
                var p = part.Trim();
                if (p.Length > 0)
                {
                    into.Add(p);
                }
            }
        }
    }
}
