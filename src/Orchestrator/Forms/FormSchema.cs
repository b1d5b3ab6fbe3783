using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Forms;

/// <summary>
/// A parsed @bpmn-io/form-js schema (the JSON the form-js editor saves, <c>*.form</c>), checked for
/// everything the server needs to re-validate submissions. Immutable and thread-safe.
/// </summary>
public sealed class FormSchema
{
    internal FormSchema(string id, string source, int? schemaVersion, FormComponent form, BindingNode bindings, int fieldCount)
    {
        Id = id;
        Source = source;
        SchemaVersion = schemaVersion;
        Form = form;
        Bindings = bindings;
        FieldCount = fieldCount;
    }

    /// <summary>The schema's <c>id</c> (the form key); the source name without extension when the schema has none.</summary>
    public string Id { get; }

    /// <summary>Where the schema came from (a file path or a name given by the caller); used in error messages.</summary>
    public string Source { get; }

    /// <summary>The form-js <c>schemaVersion</c>, when present.</summary>
    public int? SchemaVersion { get; }

    /// <summary>The top-level components of the form.</summary>
    public IReadOnlyList<FormComponent> Components => Form.Components;

    /// <summary>The form itself (type <c>default</c>).</summary>
    internal FormComponent Form { get; }

    /// <summary>Which data paths the form can produce (for rejecting unknown keys).</summary>
    internal BindingNode Bindings { get; }

    /// <summary>The number of components in the whole tree.</summary>
    internal int FieldCount { get; }

    /// <summary>Reads a schema from JSON text.</summary>
    /// <param name="json">The schema.</param>
    /// <param name="source">A name for error messages (a file name); its name without extension is the id when the schema has none.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="FormSchemaException">The text is not JSON or not a usable form-js schema; the message names the source and every problem.</exception>
    public static FormSchema Parse(string json, string source = "form")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw new FormSchemaException($"{source}: not valid JSON: {e.Message}", e);
        }

        if (node is not JsonObject root)
        {
            throw new FormSchemaException($"{source}: a form schema must be a JSON object, not {Describe(node)}");
        }

        return FormSchemaReader.Read(root, source);
    }

    /// <summary>Reads a schema from a parsed JSON object (which is copied, not kept).</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="source">A name for error messages.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="FormSchemaException">The object is not a usable form-js schema.</exception>
    public static FormSchema FromJson(JsonObject schema, string source = "form")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(source);
        return FormSchemaReader.Read((JsonObject)schema.DeepClone(), source);
    }

    /// <summary>Reads a schema file (UTF-8).</summary>
    /// <param name="path">The file, usually <c>*.form</c>.</param>
    /// <returns>The schema; its <see cref="Source"/> is the path.</returns>
    /// <exception cref="FormSchemaException">The file is not a usable form-js schema.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FormSchema Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            _ => "a value",
        },
        _ => "a value",
    };
}
