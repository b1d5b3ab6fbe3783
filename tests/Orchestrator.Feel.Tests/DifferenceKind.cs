namespace Orchestrator.Feel.Tests;

/// <summary>How two results differ.</summary>
internal enum DifferenceKind
{
    /// <summary>They agree.</summary>
    None,

    /// <summary>Same shape and types; only numbers differ, each by a relative amount below 1e-9, i.e. binary floating-point rounding.</summary>
    NumberRounding,

    /// <summary>One side failed (syntax error or limit) and the other gave a value.</summary>
    ErrorVersusValue,

    /// <summary>Anything else: a different value or type.</summary>
    Value,
}
