using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>Boolean functions (DMN 1.5 §10.3.4.2) and <c>is defined</c> (a Camunda extension, handled by the parser for names).</summary>
internal static class BooleanFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("not", Of("negand"), (a, s) => a[0] is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelNull.Instance),
        new("is defined", Of("value"), (a, s) => FeelBoolean.True),
        new("get or else", Of("value", "default"), (a, s) => a[0].IsNull ? a[1] : a[0]),
    ];
}
