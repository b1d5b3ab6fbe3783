namespace Orchestrator.Feel.Tests;

/// <summary>One expression where feelin is wrong.</summary>
/// <param name="Expression">The expression, exactly as in <see cref="DifferentialTests.TrickyCases"/> or as generated.</param>
/// <param name="Ours">Our value as JSON (what the spec says), checked so that a listed case cannot hide a change on our side; null to not pin it.</param>
/// <param name="Why">What feelin does and why that is wrong.</param>
/// <param name="Spec">The DMN section.</param>
internal sealed record KnownDisagreement(string Expression, string? Ours, string Why, string Spec);
