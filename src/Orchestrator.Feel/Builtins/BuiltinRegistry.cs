using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Feel.Builtins;

/// <summary>All built-in functions by name (immutable, shared by every engine).</summary>
internal static class BuiltinRegistry
{
    private static readonly FrozenDictionary<string, Builtin> All =
        ConversionFunctions.All()
            .Concat(BooleanFunctions.All())
            .Concat(StringFunctions.All())
            .Concat(ListFunctions.All())
            .Concat(NumericFunctions.All())
            .Concat(ContextFunctions.All())
            .Concat(TemporalFunctions.All())
            .Concat(RangeFunctions.All())
            .ToFrozenDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>Built-in names that contain a keyword (<c>and</c>), so the parser must match them whole.</summary>
    public static IReadOnlyList<string> NamesWithKeywords { get; } = ["years and months duration", "date and time"];

    public static bool TryGet(string name, [MaybeNullWhen(false)] out Builtin builtin) => All.TryGetValue(name, out builtin);

    public static IEnumerable<string> Names => All.Keys;
}
