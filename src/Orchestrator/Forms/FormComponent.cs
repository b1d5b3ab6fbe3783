using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Forms;

/// <summary>
/// One component of a form-js schema (a field, a container or a display element), as read from
/// the schema. Immutable; <see cref="Definition"/> keeps every property the server does not interpret.
/// </summary>
public sealed class FormComponent
{
    internal FormComponent(string id, string type, JsonObject definition)
    {
        Id = id;
        Type = type;
        Definition = definition;
    }

    /// <summary>The component id (<c>Field_0abc123</c>); generated (<c>components[2]</c>) when the schema has none.</summary>
    public string Id { get; }

    /// <summary>The form-js type: <c>textfield</c>, <c>number</c>, <c>group</c>, <c>dynamiclist</c>, <c>text</c>, ….</summary>
    public string Type { get; }

    /// <summary>The binding key of a value field (may be dotted: <c>address.city</c>); null for other components.</summary>
    public string? Key { get; internal init; }

    /// <summary>The binding path of a group or dynamic list; null when it has none.</summary>
    public string? Path { get; internal init; }

    /// <summary>The label, when the schema gives one.</summary>
    public string? Label { get; internal init; }

    /// <summary>The children of a group or dynamic list (or of the form itself).</summary>
    public IReadOnlyList<FormComponent> Components { get; internal init; } = [];

    /// <summary>The component exactly as it is in the schema (a copy).</summary>
    public JsonObject Definition { get; }

    /// <summary>True for components that hold a value (they have a <see cref="Key"/>).</summary>
    public bool IsValueField => Key is not null;

    // What the validator needs, already checked and converted when the schema was read.
    internal FieldKind Kind { get; init; }

    internal string[] KeySegments { get; init; } = [];

    internal string[] PathSegments { get; init; } = [];

    internal bool IsRepeating { get; init; }

    internal bool AllowAddRemove { get; init; }

    internal int DefaultRepetitions { get; init; } = 1;

    internal string? Hide { get; init; }

    internal bool Disabled { get; init; }

    internal bool Readonly { get; init; }

    internal string? ReadonlyExpression { get; init; }

    internal bool Required { get; init; }

    internal RuleValue? MinLength { get; init; }

    internal RuleValue? MaxLength { get; init; }

    internal RuleValue? Min { get; init; }

    internal RuleValue? Max { get; init; }

    internal string? Pattern { get; init; }

    internal Regex? PatternRegex { get; init; }

    internal string? PatternErrorMessage { get; init; }

    internal string? ValidationType { get; init; }

    internal IReadOnlyList<JsonNode>? StaticOptions { get; init; }

    internal string? ValuesKey { get; init; }

    internal string? ValuesExpression { get; init; }

    internal int? DecimalDigits { get; init; }

    internal decimal? Increment { get; init; }

    internal bool SerializeToString { get; init; }

    internal string Subtype { get; init; } = "date";

    internal string TimeFormat { get; init; } = "no_timezone";

    internal bool DisallowPassedDates { get; init; }

    internal bool HasDefaultValue { get; init; }

    internal JsonNode? DefaultValue { get; init; }

    internal string? Expression { get; init; }
}
