namespace Orchestrator.Feel.Tests;

/// <summary>Our result and feelin's, side by side, in one JSON convention (tests/node/feel-json.mjs).</summary>
internal sealed record FeelinComparison(
    string Expression,
    DifferenceKind Kind,
    string Ours,
    string Feelin,
    string? Detail,
    string? OursJson = null,
    string? FeelinJson = null)
{
    public bool Agrees => Kind == DifferenceKind.None;

    public override string ToString() =>
        $"{Expression}\n      ours:   {Ours}\n      feelin: {Feelin}" + (Detail is null ? "" : $"\n      ({Detail})");
}
