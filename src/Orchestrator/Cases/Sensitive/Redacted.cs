using System.Text.Json.Serialization;

namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// A case-model object as one reader may see it: <see cref="Value"/> with every sensitive property the reader may not
/// see blanked (null, false), and <see cref="Restricted"/> naming those properties. In JSON it is the object itself
/// with a <see cref="SensitiveMarker"/> in place of each restricted property; a page asks <see cref="IsRestricted"/>
/// before it shows a value ("Información restringida").
/// </summary>
/// <typeparam name="T">The case-model type.</typeparam>
[JsonConverter(typeof(RedactedJsonConverterFactory))]
public sealed class Redacted<T>
    where T : class
{
    /// <summary>Creates the view.</summary>
    /// <param name="value">The object, restricted properties already blanked.</param>
    /// <param name="restricted">The restricted properties: their fields.</param>
    public Redacted(T value, IReadOnlyList<SensitiveField> restricted)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        RestrictedFields = restricted ?? throw new ArgumentNullException(nameof(restricted));
    }

    /// <summary>The object (restricted properties blanked).</summary>
    public T Value { get; }

    /// <summary>The dotted JSON paths of the restricted properties (<c>flags.traffickingVictim</c>).</summary>
    public IReadOnlyList<string> Restricted => [.. RestrictedFields.Select(f => f.Name)];

    /// <summary>The restricted properties.</summary>
    internal IReadOnlyList<SensitiveField> RestrictedFields { get; }

    /// <summary>Whether the property at <paramref name="path"/> (<c>hivStatus</c>, <c>flags.traffickingVictim</c>) is restricted for this reader.</summary>
    /// <param name="path">The dotted JSON path.</param>
    public bool IsRestricted(string path) => RestrictedFields.Any(f => string.Equals(f.Name, path, StringComparison.Ordinal));
}
