namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// Marks a property of the case model as sensitive personal data of a <see cref="SensitiveCategories">category</see>:
/// every answer that carries it (the API, the pages, exports, emails, letters) shows it only to the groups that read
/// that category (<see cref="SensitiveReaders"/>) and a restricted marker to everyone else, and every read of it is
/// audited (<see cref="SensitiveDataGuard"/>). A process variable of the same name is treated the same way. The same
/// mark on a task form's field is the form-js custom property <c>"properties": { "sensitive": "&lt;category&gt;" }</c>.
/// </summary>
/// <param name="category">The category (<see cref="SensitiveCategories"/>).</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SensitiveAttribute(string category) : Attribute
{
    /// <summary>The category.</summary>
    public string Category { get; } = category;
}
