using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Forms;

namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// Every sensitive mark, read from where it is written: <see cref="SensitiveAttribute"/> on the properties of the case
/// model, and the form-js custom property <c>sensitive</c> on the fields of the task forms. A process variable is
/// sensitive when a form field binds it with a mark, or when it has the name of a marked property of the case model
/// (a task that records a case file's sensitive value carries it under that name). A mark that names no category, or a
/// variable marked with two categories, is an error naming the form and the field.
/// </summary>
public sealed class SensitiveFieldCatalog
{
    /// <summary>The form-js custom property that marks a field.</summary>
    public const string FormProperty = "sensitive";

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SensitiveField>> ModelFields = new();
    private readonly FormCatalog? _forms;

    /// <summary>The last answer of <see cref="VariableFields"/> and the forms it was read from (the catalog may register new ones).</summary>
    private volatile Snapshot? _snapshot;

    /// <summary>Creates the catalog.</summary>
    /// <param name="forms">The task forms (none in a host without forms: only the case model's marks apply).</param>
    public SensitiveFieldCatalog(IEnumerable<FormCatalog> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        _forms = forms.FirstOrDefault();
    }

    /// <summary>The case-model types an answer carries whole, whose marks also mark variables of the same name.</summary>
    public static IReadOnlyList<Type> CaseModelTypes { get; } = [typeof(ChildCase), typeof(OpenDoorRecord)];

    /// <summary>The marked properties of <paramref name="type"/> and of the objects it holds (not its lists), as JSON paths in camel case.</summary>
    /// <param name="type">A case-model type.</param>
    public static IReadOnlyList<SensitiveField> FieldsOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ModelFields.GetOrAdd(type, t =>
        {
            var found = new List<SensitiveField>();
            Collect(t, [], [], found, depth: 0);
            return found;
        });
    }

    /// <summary>The sensitive process variables: the marked fields of every task form, and the case model's marked names.</summary>
    /// <exception cref="InvalidOperationException">A mark names no category, marks a component that binds nothing, or a variable has two categories.</exception>
    public IReadOnlyList<SensitiveField> VariableFields()
    {
        // Every answer the guard redacts asks: read the forms again only when the catalog holds other schemas.
        var schemas = _forms is null ? [] : SchemasOf(_forms);
        if (_snapshot is { } last && last.Schemas.Count == schemas.Count && last.Schemas.Zip(schemas).All(p => ReferenceEquals(p.First, p.Second)))
        {
            return last.Fields;
        }

        var fields = Read();
        _snapshot = new Snapshot(schemas, fields);
        return fields;
    }

    private IReadOnlyList<SensitiveField> Read()
    {
        var byName = new Dictionary<string, SensitiveField>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var field in CaseModelTypes.SelectMany(FieldsOf).Select(f => new SensitiveField([f.Path[^1]], f.Category, f.Source)))
        {
            Add(byName, field, problems);
        }

        if (_forms is not null)
        {
            foreach (var field in FormFields(_forms, problems))
            {
                Add(byName, field, problems);
            }
        }

        return problems.Count > 0
            ? throw new InvalidOperationException("Sensitive marks: " + string.Join(Environment.NewLine, problems))
            : [.. byName.Values];
    }

    /// <summary>The marked fields of every form of <paramref name="catalog"/>, with the problems of bad marks.</summary>
    /// <param name="catalog">The forms.</param>
    /// <param name="problems">Where each problem goes (<c>FILE: FIELD_ID: problem</c>).</param>
    public static IReadOnlyList<SensitiveField> FormFields(FormCatalog catalog, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(problems);
        var fields = new List<SensitiveField>();
        foreach (var schema in SchemasOf(catalog))
        {
            foreach (var component in schema.Components)
            {
                Walk(schema, component, [], fields, problems);
            }
        }

        return fields;
    }

    /// <summary>The catalog's schemas, each once (a form is registered under its id and its file name), in key order.</summary>
    private static List<FormSchema> SchemasOf(FormCatalog catalog)
    {
        var schemas = new List<FormSchema>();
        foreach (var key in catalog.Keys.Order(StringComparer.Ordinal))
        {
            if (catalog.TryGetSchema(key, out var schema) && !schemas.Contains(schema))
            {
                schemas.Add(schema);
            }
        }

        return schemas;
    }

    private static void Walk(FormSchema schema, FormComponent component, IReadOnlyList<string> prefix, List<SensitiveField> fields, List<string> problems)
    {
        var inner = component.Path is { Length: > 0 } path ? [.. prefix, .. path.Split('.')] : prefix;
        if (component.Definition["properties"] is JsonObject properties && properties[FormProperty] is { } mark)
        {
            var source = $"{schema.Source}: {component.Id}";
            var category = mark is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (category is null || !SensitiveCategories.All.Contains(category, StringComparer.Ordinal))
            {
                problems.Add($"{source}: the sensitive mark '{mark.ToJsonString()}' is not one of {string.Join(", ", SensitiveCategories.All)}.");
            }
            else if (component.Key is { Length: > 0 } key)
            {
                fields.Add(new SensitiveField([.. inner, .. key.Split('.')], category, source));
            }
            else if (component.Path is { Length: > 0 })
            {
                fields.Add(new SensitiveField(inner, category, source));
            }
            else
            {
                problems.Add($"{source}: only a field with a key, or a group or list with a path, can be marked sensitive.");
            }
        }

        foreach (var child in component.Components)
        {
            Walk(schema, child, inner, fields, problems);
        }
    }

    private static void Add(Dictionary<string, SensitiveField> byName, SensitiveField field, List<string> problems)
    {
        if (byName.TryGetValue(field.Name, out var other) && other.Category != field.Category)
        {
            problems.Add($"{field.Source}: '{field.Name}' is marked '{field.Category}', but {other.Source} marks it '{other.Category}'; one variable has one category.");
        }
        else
        {
            byName.TryAdd(field.Name, field);
        }
    }

    private static void Collect(Type type, List<string> path, List<PropertyInfo> properties, List<SensitiveField> found, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.GetCustomAttribute<SensitiveAttribute>() is { } mark)
            {
                found.Add(new SensitiveField([.. path, name], mark.Category, $"{type.Name}.{property.Name}") { Properties = [.. properties, property] });
            }
            else if (depth < 2 && property.PropertyType.IsClass && property.PropertyType != typeof(string)
                && property.PropertyType.Namespace?.StartsWith("Orchestrator.Cases", StringComparison.Ordinal) == true)
            {
                // An object the case holds (its profile flags), not a list of rows.
                Collect(property.PropertyType, [.. path, name], [.. properties, property], found, depth + 1);
            }
        }
    }

    private sealed record Snapshot(List<FormSchema> Schemas, IReadOnlyList<SensitiveField> Fields);
}
