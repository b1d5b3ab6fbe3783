namespace Orchestrator.Feel.Tests;

/// <summary>A recurring kind of disagreement where feelin is wrong, recognised by a rule.</summary>
internal sealed record KnownDisagreementClass(string Name, Func<FeelinComparison, bool> Matches, string Why, string Spec);
