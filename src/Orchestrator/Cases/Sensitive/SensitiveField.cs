using System.Reflection;

namespace Orchestrator.Cases.Sensitive;

/// <summary>One place that holds sensitive data: a property of the case model, or a field of a task form (as a process variable).</summary>
public sealed class SensitiveField
{
    /// <summary>Creates a field.</summary>
    /// <param name="path">The names from the root of the object or of the variables (<c>flags</c>, <c>traffickingVictim</c>); a list on the way is crossed item by item.</param>
    /// <param name="category">The category (<see cref="SensitiveCategories"/>).</param>
    /// <param name="source">Where the mark is, for messages (<c>ChildCase.HivStatus</c>, <c>workflows/forms/luna-assessment.form: Field_hivStatus</c>).</param>
    public SensitiveField(IReadOnlyList<string> path, string category, string source)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Category = category ?? throw new ArgumentNullException(nameof(category));
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>The names from the root.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The path as one dotted name (<c>flags.traffickingVictim</c>).</summary>
    public string Name => string.Join('.', Path);

    /// <summary>The category.</summary>
    public string Category { get; }

    /// <summary>Where the mark is.</summary>
    public string Source { get; }

    /// <summary>For a property of the case model: the properties from the root type to the marked one.</summary>
    internal IReadOnlyList<PropertyInfo> Properties { get; init; } = [];
}
