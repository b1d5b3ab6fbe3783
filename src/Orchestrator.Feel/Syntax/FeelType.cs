#pragma warning disable SA1402 // a family of small records: the static types of FEEL expressions, one small record per case of FeelType.
namespace Orchestrator.Feel.Syntax;

/// <summary>A type of <c>instance of</c>: a named type, or <c>list&lt;T&gt;</c>, <c>range&lt;T&gt;</c>, <c>context&lt;k: T&gt;</c>, <c>function&lt;T&gt;-&gt;U</c>.</summary>
internal abstract record FeelType
{
    public abstract bool Matches(FeelValue v);

    public static FeelType? Named(string name) => name switch
    {
        "Any" => new AnyType(),
        "Null" => new KindType(FeelValueKind.Null),
        "number" => new KindType(FeelValueKind.Number),
        "string" => new KindType(FeelValueKind.String),
        "boolean" => new KindType(FeelValueKind.Boolean),
        "date" => new KindType(FeelValueKind.Date),
        "time" => new KindType(FeelValueKind.Time),
        "date and time" => new KindType(FeelValueKind.DateTime),
        "days and time duration" or "dayTimeDuration" => new KindType(FeelValueKind.DaysTimeDuration),
        "years and months duration" or "yearMonthDuration" => new KindType(FeelValueKind.YearsMonthsDuration),
        "list" => new ListType(new AnyOrNullType()),
        "context" => new KindType(FeelValueKind.Context),
        "range" => new RangeType(new AnyOrNullType()),
        "function" => new KindType(FeelValueKind.Function),
        _ => null,
    };
}

/// <summary><c>Any</c>: every value but null.</summary>
internal sealed record AnyType : FeelType
{
    public override bool Matches(FeelValue v) => !v.IsNull;
}

internal sealed record AnyOrNullType : FeelType
{
    public override bool Matches(FeelValue v) => true;
}

internal sealed record KindType(FeelValueKind Kind) : FeelType
{
    public override bool Matches(FeelValue v) => v.Kind == Kind;
}

internal sealed record ListType(FeelType Item) : FeelType
{
    public override bool Matches(FeelValue v) => v is FeelList l && l.Items.All(i => i.IsNull || Item.Matches(i));
}

internal sealed record RangeType(FeelType Point) : FeelType
{
    public override bool Matches(FeelValue v) => v is FeelRange r && (r.Start.IsNull || Point.Matches(r.Start)) && (r.End.IsNull || Point.Matches(r.End));
}

internal sealed record ContextType(IReadOnlyList<KeyValuePair<string, FeelType>> Entries) : FeelType
{
    public override bool Matches(FeelValue v) =>
        v is FeelContext c && Entries.All(e => c.TryGetValue(e.Key, out var x) && (x.IsNull || e.Value.Matches(x)));
}

internal sealed record FunctionType(int ParameterCount) : FeelType
{
    public override bool Matches(FeelValue v) => v is FeelFunction f && (f.Name is not null || f.ParameterNames.Count == ParameterCount);
}
