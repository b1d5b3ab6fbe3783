using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Orchestrator.Feel;

namespace Orchestrator.Forms;

/// <summary>
/// The task forms the service knows, by form key, and the server-side validation of their
/// submissions. Thread-safe: lookups are lock-free over an immutable map that
/// <see cref="Register"/> replaces atomically.
/// </summary>
/// <remarks>
/// A form's keys are its schema <c>id</c> and its file name without extension (usually the same);
/// a BPMN user task names its form with either (<c>camunda:formKey</c>/<c>orc:formKey</c>).
/// </remarks>
public sealed class FormCatalog
{
    private readonly FormValidator _validator;
    private readonly Lock _writeLock = new();
    private volatile FrozenDictionary<string, FormSchema> _forms;

    /// <summary>Creates a catalog of the given schemas.</summary>
    /// <param name="schemas">The forms; each is registered under its <see cref="FormSchema.Id"/> and its source file name without extension.</param>
    /// <param name="validator">The validator; a default one when null.</param>
    /// <exception cref="FormSchemaException">Two forms claim the same key.</exception>
    public FormCatalog(IEnumerable<FormSchema> schemas, FormValidator? validator = null)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        _validator = validator ?? new FormValidator();
        var map = new Dictionary<string, FormSchema>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var schema in schemas)
        {
            foreach (var key in KeysOf(schema))
            {
                if (map.TryGetValue(key, out var other) && !ReferenceEquals(other, schema))
                {
                    problems.Add($"{schema.Source}: -: form key '{key}' is also used by {other.Source}");
                }
                else
                {
                    map[key] = schema;
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new FormSchemaException(problems);
        }

        _forms = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The form keys known (ids and file names).</summary>
    public IReadOnlyCollection<string> Keys => _forms.Keys;

    /// <summary>
    /// Loads every <c>*.form</c> file of a directory (not its subdirectories). Every file is read
    /// before failing, so that the exception lists every broken file at once.
    /// </summary>
    /// <param name="directory">The directory, e.g. <c>workflows/forms</c>; a missing directory gives an empty catalog.</param>
    /// <param name="validator">The validator; a default one when null.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="FormSchemaException">A file is not a usable form-js schema, or two forms claim the same key; one line per problem, each naming its file.</exception>
    public static FormCatalog Load(string directory, FormValidator? validator = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var schemas = new List<FormSchema>();
        var problems = new List<string>();
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.form").Order(StringComparer.Ordinal))
            {
                try
                {
                    schemas.Add(FormSchema.Load(file));
                }
                catch (FormSchemaException e)
                {
                    problems.AddRange(e.Problems);
                }
                catch (IOException e)
                {
                    problems.Add($"{file}: -: cannot be read: {e.Message}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new FormSchemaException(problems);
        }

        return new FormCatalog(schemas, validator);
    }

    /// <summary>Adds a form, or replaces the form(s) registered under its keys (a designer saved a new version).</summary>
    /// <param name="schema">The form.</param>
    public void Register(FormSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (_writeLock)
        {
            var map = new Dictionary<string, FormSchema>(_forms, StringComparer.Ordinal);
            foreach (var key in KeysOf(schema))
            {
                map[key] = schema;
            }

            _forms = map.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>Finds a form by key.</summary>
    /// <param name="formKey">The form key.</param>
    /// <param name="schema">The form, when found.</param>
    /// <returns>Whether the key is known.</returns>
    public bool TryGetSchema(string formKey, [MaybeNullWhen(false)] out FormSchema schema)
    {
        ArgumentNullException.ThrowIfNull(formKey);
        return _forms.TryGetValue(formKey, out schema);
    }

    /// <summary>Validates a submission against the form with the given key, with no process variables.</summary>
    /// <param name="formKey">The form key.</param>
    /// <param name="data">The submitted data.</param>
    /// <param name="errors">The errors (empty when valid); empty when the key is unknown.</param>
    /// <returns>False when the form key is unknown (the caller decides what that means); true otherwise, valid or not.</returns>
    public bool TryValidate(string formKey, JsonObject data, out IReadOnlyList<FormFieldError> errors) =>
        TryValidate(formKey, data, null, out errors);

    /// <summary>Validates a submission against the form with the given key.</summary>
    /// <param name="formKey">The form key.</param>
    /// <param name="data">The submitted data.</param>
    /// <param name="variables">The data the form was opened with (the task's variables), see <see cref="FormValidator.Validate"/>.</param>
    /// <param name="errors">The errors (empty when valid); empty when the key is unknown.</param>
    /// <returns>False when the form key is unknown (the caller decides what that means); true otherwise, valid or not.</returns>
    public bool TryValidate(string formKey, JsonObject data, FeelContext? variables, out IReadOnlyList<FormFieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(formKey);
        ArgumentNullException.ThrowIfNull(data);
        if (!_forms.TryGetValue(formKey, out var schema))
        {
            errors = [];
            return false;
        }

        errors = _validator.Validate(schema, data, variables);
        return true;
    }

    /// <summary>Validates a submission against a form.</summary>
    /// <param name="schema">The form.</param>
    /// <param name="data">The submitted data.</param>
    /// <param name="variables">The data the form was opened with (the task's variables); null for none.</param>
    /// <returns>The errors; empty when the submission is valid.</returns>
    public IReadOnlyList<FormFieldError> Validate(FormSchema schema, JsonObject data, FeelContext? variables = null) =>
        _validator.Validate(schema, data, variables);

    private static IEnumerable<string> KeysOf(FormSchema schema)
    {
        yield return schema.Id;
        var fileKey = Path.GetFileNameWithoutExtension(schema.Source);
        if (string.Equals(Path.GetExtension(schema.Source), ".form", StringComparison.OrdinalIgnoreCase) && fileKey.Length > 0 && !string.Equals(fileKey, schema.Id, StringComparison.Ordinal))
        {
            yield return fileKey;
        }
    }
}
