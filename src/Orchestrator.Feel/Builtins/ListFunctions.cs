using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>List functions (DMN 1.5 §10.3.4.4, table 75). Positions are 1-based; negative positions count from the end.</summary>
internal static class ListFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("list contains", Of("list", "element"), ListContains),
        new("count", Of("list"), (a, s) => Args.List(a[0]) is { } l ? new FeelNumber(l.Count) : FeelNull.Instance),
        new("min", Of("list..."), (a, s) => Extreme(a, s, "min", -1)),
        new("max", Of("list..."), (a, s) => Extreme(a, s, "max", 1)),
        new("sum", Of("list..."), (a, s) => NumbersOf(a, s, "sum") is { Length: > 0 } n ? new FeelNumber(n.Sum()) : FeelNull.Instance),
        new("mean", Of("list..."), (a, s) => NumbersOf(a, s, "mean") is { Length: > 0 } n ? new FeelNumber(n.Sum() / n.Length) : FeelNull.Instance),
        new("product", Of("list..."), (a, s) => NumbersOf(a, s, "product") is { Length: > 0 } n ? new FeelNumber(n.Aggregate(1m, (x, y) => x * y)) : FeelNull.Instance),
        new("median", Of("list..."), Median),
        new("stddev", Of("list..."), Stddev),
        new("mode", Of("list..."), Mode),
        new("all", Of("list..."), (a, s) => Logic(a, false)),
        new("any", Of("list..."), (a, s) => Logic(a, true)),
        new("sublist", Of("list", "start position", "length?"), Sublist),
        new("append", Of("list", "item..."), Append),
        new("concatenate", Of("list..."), Concatenate),
        new("insert before", Of("list", "position", "newItem"), InsertBefore),
        new("remove", Of("list", "position"), Remove),
        new("reverse", Of("list"), (a, s) => Args.List(a[0]) is { } l ? FeelList.Wrap([.. l.Items.Reverse()]) : FeelNull.Instance),
        new("index of", Of("list", "match"), IndexOf),
        new("union", Of("list..."), Union),
        new("distinct values", Of("list"), (a, s) => Args.List(a[0]) is { } l ? Distinct(l.Items, s) : FeelNull.Instance),
        new("duplicate values", Of("list"), Duplicates),
        new("flatten", Of("list"), Flatten),
        new("sort", Of("list", "precedes"), Sort),
        new("list replace", [Of("list", "position", "newItem"), Of("list", "match", "newItem")], ListReplace),
        new("is empty", Of("list"), (a, s) => Args.List(a[0]) is { } l ? FeelBoolean.Of(l.Count == 0) : FeelNull.Instance),
    ];

    private static FeelValue ListContains(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        s.Charge(list.Count);
        foreach (var item in list.Items)
        {
            if (FeelComparer.AreEqual(item, a[1]) == true)
            {
                return FeelBoolean.True;
            }
        }

        return FeelBoolean.False;
    }

    private static FeelValue Extreme(FeelValue[] a, EvalState s, string name, int sign)
    {
        var list = Args.Items(a);
        if (list is null || list.Count == 0)
        {
            return FeelNull.Instance;
        }

        s.Charge(list.Count);
        var best = list[0];
        foreach (var item in list.Items)
        {
            var c = FeelComparer.Compare(item, best);
            if (c is null)
            {
                return s.Warn($"{name}: the items cannot be compared ({Operators.TypeName(item)} and {Operators.TypeName(best)})");
            }

            if (c * sign > 0)
            {
                best = item;
            }
        }

        return best;
    }

    private static decimal[]? NumbersOf(FeelValue[] a, EvalState s, string name)
    {
        var list = Args.Items(a);
        if (list is null)
        {
            return null;
        }

        s.Charge(list.Count);
        var result = new decimal[list.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (list[i] is not FeelNumber n)
            {
                s.Warn($"{name}: every item must be a number, got {Operators.TypeName(list[i])}");
                return null;
            }

            result[i] = n.Value;
        }

        return result;
    }

    private static FeelValue Median(FeelValue[] a, EvalState s)
    {
        var n = NumbersOf(a, s, "median");
        if (n is not { Length: > 0 })
        {
            return FeelNull.Instance;
        }

        Array.Sort(n);
        var mid = n.Length / 2;
        return new FeelNumber(n.Length % 2 == 1 ? n[mid] : (n[mid - 1] + n[mid]) / 2);
    }

    private static FeelValue Stddev(FeelValue[] a, EvalState s)
    {
        var n = NumbersOf(a, s, "stddev");
        if (n is not { Length: > 1 })
        {
            return FeelNull.Instance;
        }

        var mean = n.Sum() / n.Length;
        var squares = n.Sum(x => (x - mean) * (x - mean));
        return new FeelNumber(Numbers.Sqrt(squares / (n.Length - 1)));
    }

    private static FeelValue Mode(FeelValue[] a, EvalState s)
    {
        var list = Args.Items(a);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var n = NumbersOf(a, s, "mode");
        if (n is null)
        {
            return FeelNull.Instance;
        }

        var groups = n.GroupBy(FeelNumber.Normalize).Select(g => (Value: g.Key, Count: g.Count())).ToList();
        if (groups.Count == 0)
        {
            return FeelList.Empty;
        }

        var max = groups.Max(g => g.Count);
        return FeelList.Wrap([.. groups.Where(g => g.Count == max).Select(g => g.Value).Order().Select(v => (FeelValue)new FeelNumber(v))]);
    }

    /// <summary><c>all</c> (any = false) and <c>any</c> (any = true): the deciding value wins, else null if a non-boolean was seen.</summary>
    private static FeelValue Logic(FeelValue[] a, bool any)
    {
        var list = Args.Items(a);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var sawOther = false;
        foreach (var item in list.Items)
        {
            if (item is FeelBoolean b)
            {
                if (b.Value == any)
                {
                    return FeelBoolean.Of(any);
                }
            }
            else
            {
                sawOther = true;
            }
        }

        return sawOther ? FeelNull.Instance : FeelBoolean.Of(!any);
    }

    /// <summary>A 1-based position (negative from the end) to a 0-based index, or -1 when outside.</summary>
    private static int Index(FeelValue position, int count, bool allowEnd = false)
    {
        if (!Args.Integer(position, out var p) || p == 0)
        {
            return -1;
        }

        var i = p > 0 ? p - 1 : count + p;
        return i >= 0 && (i < count || (allowEnd && i == count)) ? i : -1;
    }

    private static FeelValue Sublist(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var from = Index(a[1], list.Count);
        if (from < 0)
        {
            return s.Warn($"sublist: start position {a[1]} is outside a list of {list.Count} items");
        }

        var length = list.Count - from;
        if (a.Length > 2 && !a[2].IsNull)
        {
            if (!Args.Integer(a[2], out var len) || len < 0 || from + len > list.Count)
            {
                return s.Warn($"sublist: length {a[2]} does not fit a list of {list.Count} items from position {a[1]}");
            }

            length = len;
        }

        return FeelList.Wrap(list.Items.Skip(from).Take(length).ToArray());
    }

    private static FeelValue Append(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        s.CheckListSize((long)list.Count + a.Length - 1);
        s.Charge(list.Count);
        return FeelList.Wrap([.. list.Items, .. a.Skip(1)]);
    }

    private static FeelValue Concatenate(FeelValue[] a, EvalState s)
    {
        var result = new List<FeelValue>();
        foreach (var arg in a)
        {
            var list = Args.List(arg);
            if (list is null)
            {
                return s.Warn("concatenate: every argument must be a list");
            }

            s.CheckListSize((long)result.Count + list.Count);
            s.Charge(list.Count);
            result.AddRange(list.Items);
        }

        return FeelList.Wrap([.. result]);
    }

    private static FeelValue InsertBefore(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var i = Index(a[1], list.Count);
        if (i < 0)
        {
            return s.Warn($"insert before: position {a[1]} is outside a list of {list.Count} items");
        }

        s.CheckListSize(list.Count + 1L);
        var items = list.Items.ToList();
        items.Insert(i, a[2]);
        return FeelList.Wrap([.. items]);
    }

    private static FeelValue Remove(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var i = Index(a[1], list.Count);
        if (i < 0)
        {
            return s.Warn($"remove: position {a[1]} is outside a list of {list.Count} items");
        }

        var items = list.Items.ToList();
        items.RemoveAt(i);
        return FeelList.Wrap([.. items]);
    }

    private static FeelValue IndexOf(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        s.Charge(list.Count);
        var positions = new List<FeelValue>();
        for (var i = 0; i < list.Count; i++)
        {
            if (FeelComparer.AreEqual(list[i], a[1]) == true)
            {
                positions.Add(new FeelNumber(i + 1));
            }
        }

        return FeelList.Wrap([.. positions]);
    }

    private static FeelValue Union(FeelValue[] a, EvalState s)
    {
        var all = new List<FeelValue>();
        foreach (var arg in a)
        {
            var list = Args.List(arg);
            if (list is null)
            {
                return s.Warn("union: every argument must be a list");
            }

            s.CheckListSize((long)all.Count + list.Count);
            all.AddRange(list.Items);
        }

        return Distinct(all, s);
    }

    /// <summary>Keeps the first of equal items. Hash buckets use FEEL-consistent hashes, so this is linear for typical data.</summary>
    private static FeelList Distinct(IEnumerable<FeelValue> items, EvalState s)
    {
        var seen = new HashSet<FeelValue>();
        var result = new List<FeelValue>();
        var sawNull = false; // a flag, not a scan of the result: many nulls among many items stay linear
        foreach (var item in items)
        {
            s.Step();
            if (item.IsNull ? !sawNull : seen.Add(item))
            {
                sawNull |= item.IsNull;
                result.Add(item);
            }
        }

        return FeelList.Wrap([.. result]);
    }

    private static FeelValue Duplicates(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var seen = new HashSet<FeelValue>();
        var duplicates = new List<FeelValue>();
        foreach (var item in list.Items)
        {
            s.Step();
            if (!seen.Add(item) && !duplicates.Contains(item))
            {
                duplicates.Add(item);
            }
        }

        return FeelList.Wrap([.. duplicates]);
    }

    private static FeelValue Flatten(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var result = new List<FeelValue>();
        Add(list, 0);
        return FeelList.Wrap([.. result]);

        void Add(FeelList l, int depth)
        {
            if (depth > s.Limits.MaxNestingDepth)
            {
                throw new FeelLimitException("flatten: lists nested too deeply");
            }

            foreach (var item in l.Items)
            {
                s.Step();
                if (item is FeelList inner)
                {
                    Add(inner, depth + 1);
                }
                else
                {
                    result.Add(item);
                    s.CheckListSize(result.Count);
                }
            }
        }
    }

    private static FeelValue Sort(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        s.Charge(list.Count);
        if (a[1] is not FeelFunction precedes)
        {
            return Args.Bad(s, "sort", "precedes", "a function", a[1]);
        }

        // OrderBy is a stable sort and lets the evaluation's exceptions (limits) through unwrapped.
        var comparer = Comparer<FeelValue>.Create((x, y) =>
        {
            if (s.Invoke(precedes, [x, y]) == FeelBoolean.True)
            {
                return -1;
            }

            return s.Invoke(precedes, [y, x]) == FeelBoolean.True ? 1 : 0;
        });
        return FeelList.Wrap([.. list.Items.Order(comparer)]);
    }

    private static FeelValue ListReplace(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var items = list.Items.ToArray();
        if (a[1] is FeelFunction match)
        {
            for (var i = 0; i < items.Length; i++)
            {
                // match(item, newItem) must answer a boolean; anything else (a wrong arity included) is an error.
                var matched = s.Invoke(match, [items[i], a[2]]);
                if (matched is not FeelBoolean b)
                {
                    return s.Warn($"list replace: match must return true or false, got {Operators.TypeName(matched)}");
                }

                if (b.Value)
                {
                    items[i] = a[2];
                }
            }

            return FeelList.Wrap(items);
        }

        // A position that is not whole is cut toward zero, as the DMN TCK has it (2.5 is 2, -1.5 is -1).
        var position = a[1] is FeelNumber { Value: var p } && p != decimal.Truncate(p) && Math.Abs(p) < int.MaxValue
            ? new FeelNumber(decimal.Truncate(p))
            : a[1];
        var index = Index(position, items.Length);
        if (index < 0)
        {
            return s.Warn($"list replace: position {a[1]} is outside a list of {items.Length} items");
        }

        items[index] = a[2];
        return FeelList.Wrap(items);
    }
}
