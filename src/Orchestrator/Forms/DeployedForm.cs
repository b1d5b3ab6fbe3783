#pragma warning disable SA1402 // a family of small records: a deployed form and its summary.
namespace Orchestrator.Forms;

/// <summary>One version of a deployed form, with its form-js schema as JSON text (what a form viewer or editor loads).</summary>
/// <param name="Key">The form key.</param>
/// <param name="Version">The form's version.</param>
/// <param name="Schema">The form-js schema, JSON.</param>
public sealed record DeployedForm(string Key, int Version, string Schema);

/// <summary>The newest version of a deployed form, as the designer's form picker lists it.</summary>
/// <param name="Key">The form key.</param>
/// <param name="Version">The newest version.</param>
/// <param name="DeployedBy">Who deployed that version.</param>
/// <param name="DeployedAt">When.</param>
/// <param name="Title">The label of the form's first text component, or <c>null</c>: what a person recognises it by.</param>
public sealed record DeployedFormSummary(string Key, int Version, string DeployedBy, DateTimeOffset DeployedAt, string? Title);
