using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>Context functions (DMN 1.5 §10.3.4.8, table 80).</summary>
internal static class ContextFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("get value", Of("m", "key"), GetValue),
        new("get entries", [Of("m"), Of("context")], GetEntries),
        new("context put", [Of("context", "key", "value"), Of("context", "keys", "value")], Put),
        new("context merge", Of("contexts"), Merge),
    ];

    private static FeelValue GetValue(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelContext c)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, "get value", "m", "a context", a[0]);
        }

        // DMN 1.5 table 80: get value(m, key), one string key (a singleton list converts to its item, §10.3.2.9.4).
        var key = a[1] is FeelList { Count: 1 } single ? single[0] : a[1];
        return key switch
        {
            FeelString k => c[k.Value],
            FeelNull => FeelNull.Instance,
            _ => Args.Bad(s, "get value", "key", "a string", a[1]),
        };
    }

    private static FeelValue GetEntries(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelContext c)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, "get entries", "m", "a context", a[0]);
        }

        var entries = new FeelValue[c.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = FeelContext.Wrap(["key", "value"], [new FeelString(c.KeyAt(i)), c.ValueAt(i)]);
        }

        return FeelList.Wrap(entries);
    }

    private static FeelValue Put(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelContext c)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, "context put", "context", "a context", a[0]);
        }

        switch (a[1])
        {
            case FeelString key:
                return c.With(key.Value, a[2]);
            case FeelList { Count: > 0 } keys when keys.Items.All(k => k is FeelString):
                return PutPath(c, keys, 0, a[2], s);
            case FeelNull:
                return FeelNull.Instance;
            default:
                return Args.Bad(s, "context put", "key", "a string or a non-empty list of strings", a[1]);
        }
    }

    private static FeelValue PutPath(FeelContext c, FeelList keys, int index, FeelValue value, EvalState s)
    {
        var key = ((FeelString)keys[index]).Value;
        if (index == keys.Count - 1)
        {
            return c.With(key, value);
        }

        var inner = c.TryGetValue(key, out var existing) ? existing : FeelContext.Empty;
        if (inner is not FeelContext innerContext)
        {
            return s.Warn($"context put: the entry '{key}' is not a context");
        }

        var updated = PutPath(innerContext, keys, index + 1, value, s);
        return updated.IsNull ? updated : c.With(key, updated);
    }

    private static FeelValue Merge(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var result = FeelContext.Empty;
        foreach (var item in list.Items)
        {
            if (item is not FeelContext c)
            {
                return s.Warn($"context merge: every item must be a context, got {Operators.TypeName(item)}");
            }

            s.Charge(c.Count);
            for (var i = 0; i < c.Count; i++)
            {
                result = result.With(c.KeyAt(i), c.ValueAt(i));
            }
        }

        return result;
    }
}
