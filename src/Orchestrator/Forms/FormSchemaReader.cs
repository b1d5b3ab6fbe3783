using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Feel;

namespace Orchestrator.Forms;

/// <summary>
/// Turns the JSON of a form-js schema into <see cref="FormComponent"/>s, collecting every problem
/// (unknown types, missing keys, binding paths claimed twice, bad rules, FEEL syntax errors).
/// </summary>
internal sealed class FormSchemaReader
{
    /// <summary>Components that show something and hold no value.</summary>
    private static readonly HashSet<string> DisplayTypes = new(StringComparer.Ordinal)
    {
        "text", "html", "image", "spacer", "separator", "button", "iframe", "table", "documentPreview",
    };

    private static readonly Dictionary<string, FieldKind> ValueTypes = new(StringComparer.Ordinal)
    {
        ["textfield"] = FieldKind.Textfield,
        ["textarea"] = FieldKind.Textarea,
        ["number"] = FieldKind.Number,
        ["checkbox"] = FieldKind.Checkbox,
        ["checklist"] = FieldKind.Checklist,
        ["radio"] = FieldKind.Radio,
        ["select"] = FieldKind.Select,
        ["taglist"] = FieldKind.Taglist,
        ["datetime"] = FieldKind.Datetime,
        ["expression"] = FieldKind.Expression,
    };

    private static readonly FeelEngine SyntaxChecker = new();

    private readonly string _source;
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _count;

    private FormSchemaReader(string source) => _source = source;

    public static FormSchema Read(JsonObject root, string source)
    {
        var reader = new FormSchemaReader(source);
        var schemaVersion = root["schemaVersion"] is JsonValue v && v.TryGetValue<int>(out var sv) ? sv : (int?)null;
        var type = root["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (!string.Equals(type, "default", StringComparison.Ordinal))
        {
            reader.Problem("-", type is null ? "the form has no \"type\": \"default\" (is this a form-js schema?)" : $"the form's type is '{type}', expected 'default'");
        }

        var fallbackId = Path.GetFileNameWithoutExtension(source);
        var id = root["id"] is JsonValue idv && idv.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(idv.GetValue<string>())
            ? idv.GetValue<string>()
            : fallbackId;
        var bindings = new BindingNode();
        var form = new FormComponent(id, "default", root)
        {
            Kind = FieldKind.Form,
            Components = reader.ReadComponents(root, "", bindings),
        };
        if (reader._problems.Count > 0)
        {
            throw new FormSchemaException(reader._problems);
        }

        return new FormSchema(id, source, schemaVersion, form, bindings, reader._count);
    }

    private void Problem(string where, string message) => _problems.Add($"{_source}: {where}: {message}");

    private List<FormComponent> ReadComponents(JsonObject parent, string parentRef, BindingNode scope)
    {
        var node = parent["components"];
        if (node is null)
        {
            return [];
        }

        var where = parentRef.Length == 0 ? "components" : parentRef + ".components";
        if (node is not JsonArray array)
        {
            Problem(where, $"must be a list, not {FormSchema.Describe(node)}");
            return [];
        }

        var list = new List<FormComponent>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var reference = $"{where}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (array[i] is not JsonObject o)
            {
                Problem(reference, $"a component must be an object, not {FormSchema.Describe(array[i])}");
                continue;
            }

            if (ReadComponent(o, reference, scope) is { } component)
            {
                list.Add(component);
            }
        }

        return list;
    }

    private FormComponent? ReadComponent(JsonObject o, string reference, BindingNode scope)
    {
        _count++;
        var id = String(o, "id");
        var where = id ?? reference;
        if (id is not null && !_ids.Add(id))
        {
            Problem(where, "another component has the same id");
        }

        var type = String(o, "type");
        if (type is null)
        {
            Problem(where, "the component has no \"type\"");
            return null;
        }

        var label = String(o, "label");
        var hide = o["conditional"] is JsonObject conditional ? Expression(conditional, "hide", where, "conditional.hide") : null;

        if (DisplayTypes.Contains(type))
        {
            return new FormComponent(id ?? reference, type, o) { Kind = FieldKind.Display, Label = label, Hide = hide };
        }

        if (type is "group" or "dynamiclist")
        {
            return ReadContainer(o, id ?? reference, reference, type, label, hide, scope);
        }

        if (type == "filepicker")
        {
            Problem(where, "the field type 'filepicker' is not supported: the server does not take file uploads through forms");
            return null;
        }

        if (!ValueTypes.TryGetValue(type, out var kind))
        {
            Problem(where, type == "default"
                ? "type 'default' is only allowed for the form itself"
                : $"unknown field type '{type}' (custom form-js fields cannot be validated by the server)");
            return null;
        }

        var key = String(o, "key");
        string[] keySegments = [];
        string? keyProblem = null;
        if (key is null || !TrySplit(key, out keySegments, out keyProblem))
        {
            Problem(where, key is null
                ? $"the {type} field has no \"key\" (the form-js editor always saves one)"
                : $"key '{key}': {keyProblem}");
            return null;
        }

        var field = ReadValueField(o, id ?? reference, where, type, kind, key, keySegments, label, hide);
        Claim(scope, keySegments, field, closed: true, repeatable: false, where);
        return field;
    }

    private FormComponent ReadContainer(JsonObject o, string id, string reference, string type, string? label, string? hide, BindingNode scope)
    {
        var path = String(o, "path");
        if (path is { Length: 0 })
        {
            path = null;
        }

        var segments = Array.Empty<string>();
        if (path is not null && !TrySplit(path, out segments, out var pathProblem))
        {
            Problem(id, $"path '{path}': {pathProblem}");
            segments = [];
            path = null;
        }

        var repeating = type == "dynamiclist" && o["isRepeating"] is JsonValue r && r.GetValueKind() == JsonValueKind.True;
        var childScope = scope;
        if (type == "dynamiclist" && path is null)
        {
            Problem(id, "the dynamic list has no \"path\" (the form-js editor always saves one)");
        }
        else if (repeating)
        {
            var node = Claim(scope, segments, null, closed: false, repeatable: true, id);
            childScope = node?.Item ?? new BindingNode();
        }
        else if (segments.Length > 0)
        {
            childScope = Claim(scope, segments, null, closed: false, repeatable: false, id) ?? new BindingNode();
        }

        var defaultRepetitions = 1;
        if (o["defaultRepetitions"] is { } dr)
        {
            if (dr is JsonValue drv && drv.TryGetValue<int>(out var n) && n >= 0)
            {
                defaultRepetitions = n;
            }
            else
            {
                Problem(id, "defaultRepetitions must be a whole number, 0 or more");
            }
        }

        var container = new FormComponent(id, type, o)
        {
            Kind = type == "group" ? FieldKind.Group : FieldKind.DynamicList,
            Label = label,
            Path = path,
            PathSegments = segments,
            Hide = hide,
            IsRepeating = repeating,
            AllowAddRemove = o["allowAddRemove"] is JsonValue a && a.GetValueKind() == JsonValueKind.True,
            DefaultRepetitions = defaultRepetitions,
            Components = ReadComponents(o, reference, childScope),
        };
        if (repeating && FindNode(scope, segments) is { } claimed && claimed.Repeater is null)
        {
            claimed.Repeater = container;
            claimed.ClaimedBy ??= container;
        }

        return container;
    }

    private FormComponent ReadValueField(JsonObject o, string id, string where, string type, FieldKind kind, string key, string[] keySegments, string? label, string? hide)
    {
        var validate = o["validate"] as JsonObject;
        if (o["validate"] is not null && validate is null)
        {
            Problem(where, "validate must be an object");
        }

        string? pattern = null;
        Regex? regex = null;
        string? validationType = null;
        if (validate is not null)
        {
            validationType = String(validate, "validationType");
            if (validationType is not null and not ("email" or "phone" or "custom"))
            {
                Problem(where, $"validate.validationType '{validationType}' is not one of: email, phone, custom");
            }

            pattern = String(validate, "pattern");
            if (pattern is { Length: > 0 })
            {
                regex = FormRules.CompilePattern(pattern, out var error);
                if (regex is null)
                {
                    Problem(where, $"validate.pattern '{pattern}' is not a valid regular expression: {error}");
                }
            }
            else
            {
                pattern = null;
            }
        }

        var options = kind is FieldKind.Checklist or FieldKind.Radio or FieldKind.Select or FieldKind.Taglist;
        IReadOnlyList<JsonNode>? staticOptions = null;
        string? valuesKey = null;
        string? valuesExpression = null;
        if (options)
        {
            valuesExpression = Expression(o, "valuesExpression", where, "valuesExpression");
            valuesKey = valuesExpression is null ? String(o, "valuesKey") : null;
            if (valuesExpression is null && valuesKey is null)
            {
                if (o["values"] is JsonArray values)
                {
                    staticOptions = FormRules.NormalizeOptions(values);
                }
                else
                {
                    Problem(where, $"the {type} field has no options: give \"values\", \"valuesKey\" or \"valuesExpression\"");
                    staticOptions = [];
                }
            }
        }

        string subtype = "date", timeFormat = "no_timezone";
        if (kind == FieldKind.Datetime)
        {
            subtype = String(o, "subtype") ?? "";
            if (subtype is not ("date" or "time" or "datetime"))
            {
                Problem(where, $"subtype must be one of: date, time, datetime (got '{subtype}')");
            }

            timeFormat = String(o, "timeSerializingFormat") ?? "no_timezone";
            if (timeFormat is not ("utc_offset" or "utc_normalized" or "no_timezone"))
            {
                Problem(where, $"timeSerializingFormat must be one of: utc_offset, utc_normalized, no_timezone (got '{timeFormat}')");
            }
        }

        int? decimalDigits = null;
        decimal? increment = null;
        if (kind == FieldKind.Number)
        {
            if (o["decimalDigits"] is { } dd)
            {
                if (dd is JsonValue ddv && ddv.TryGetValue<int>(out var d) && d >= 0)
                {
                    decimalDigits = d;
                }
                else
                {
                    Problem(where, "decimalDigits must be a whole number, 0 or more");
                }
            }

            if (o["increment"] is { } inc && !(inc is JsonValue iv && iv.GetValueKind() == JsonValueKind.String && iv.GetValue<string>().Length == 0))
            {
                if (FormRules.TryGetDecimal(inc, allowString: true, out var step) && step > 0)
                {
                    increment = step;
                }
                else
                {
                    Problem(where, "increment must be a number greater than 0");
                }
            }
        }

        string? expression = null;
        if (kind == FieldKind.Expression)
        {
            expression = Expression(o, "expression", where, "expression");
            if (expression is null)
            {
                Problem(where, "the expression field has no FEEL \"expression\" (text starting with '=')");
            }
        }

        var readonlyNode = o["readonly"];
        var readonlyExpression = readonlyNode is JsonValue rv && rv.GetValueKind() == JsonValueKind.String ? Expression(o, "readonly", where, "readonly") : null;

        return new FormComponent(id, type, o)
        {
            Kind = kind,
            Key = key,
            KeySegments = keySegments,
            Label = label,
            Hide = hide,
            Disabled = o["disabled"] is JsonValue dv && dv.GetValueKind() == JsonValueKind.True,
            Readonly = readonlyNode is JsonValue rb && rb.GetValueKind() == JsonValueKind.True,
            ReadonlyExpression = readonlyExpression,
            Required = validate?["required"] is JsonValue req && req.GetValueKind() == JsonValueKind.True,
            MinLength = Rule(validate, "minLength", where),
            MaxLength = Rule(validate, "maxLength", where),
            Min = Rule(validate, "min", where),
            Max = Rule(validate, "max", where),
            Pattern = regex is null ? null : pattern,
            PatternRegex = regex,
            PatternErrorMessage = validate is null ? null : String(validate, "patternErrorMessage"),
            ValidationType = validationType,
            StaticOptions = staticOptions,
            ValuesKey = valuesKey,
            ValuesExpression = valuesExpression,
            DecimalDigits = decimalDigits,
            Increment = increment,
            SerializeToString = o["serializeToString"] is JsonValue st && st.GetValueKind() == JsonValueKind.True,
            Subtype = subtype,
            TimeFormat = timeFormat,
            DisallowPassedDates = o["disallowPassedDates"] is JsonValue dp && dp.GetValueKind() == JsonValueKind.True,
            HasDefaultValue = o.ContainsKey("defaultValue"),
            DefaultValue = o["defaultValue"]?.DeepClone(),
            Expression = expression,
        };
    }

    /// <summary>A validate bound: a number, a numeric text, or FEEL (<c>=x</c>, checked for syntax).</summary>
    private RuleValue? Rule(JsonObject? validate, string name, string where)
    {
        var node = validate?[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { } text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (text.StartsWith('='))
            {
                var feel = Expression(validate!, name, where, "validate." + name);
                return feel is null ? null : new RuleValue(null, feel);
            }
        }

        if (FormRules.TryGetDecimal(node, allowString: true, out var constant))
        {
            return new RuleValue(constant, null);
        }

        Problem(where, $"validate.{name} must be a number or a FEEL expression ('=…'), not {FormSchema.Describe(node)}");
        return null;
    }

    /// <summary>Reads a FEEL property (<c>=…</c>) and checks its syntax; returns the text after <c>=</c>, or null when absent or not an expression.</summary>
    private string? Expression(JsonObject o, string name, string where, string label)
    {
        if (o[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = v.GetValue<string>();
        if (!text.StartsWith('='))
        {
            return null;
        }

        var feel = text[1..];
        if (!SyntaxChecker.Parse(feel).Succeeded && !SyntaxChecker.ParseUnaryTests(feel).Succeeded)
        {
            var errors = SyntaxChecker.Parse(feel).Errors;
            Problem(where, $"{label} is not valid FEEL: {string.Join("; ", errors)}");
            return null;
        }

        return feel;
    }

    /// <summary>
    /// Claims a binding path the way form-js's PathRegistry does: a value field's path may not be
    /// claimed twice nor lie inside another value field; a dynamic list's path belongs to the list
    /// and its children only. Returns the node claimed.
    /// </summary>
    private BindingNode? Claim(BindingNode scope, string[] segments, FormComponent? field, bool closed, bool repeatable, string where)
    {
        var node = scope;
        var created = false;
        foreach (var segment in segments)
        {
            if (!node.Children.TryGetValue(segment, out var child))
            {
                child = new BindingNode();
                node.Children[segment] = child;
                created = true;
            }
            else if (child.Field is not null || child.Repeater is not null || child.Item is not null)
            {
                Problem(where, $"binding path '{string.Join('.', segments)}' is already claimed by {child.ClaimedBy?.Id ?? "another field"}");
                return null;
            }

            child.ClaimedBy ??= field;
            node = child;
        }

        if (!created && (closed || repeatable) && segments.Length > 0)
        {
            Problem(where, $"binding path '{string.Join('.', segments)}' is already claimed by {node.ClaimedBy?.Id ?? "another field"}");
            return null;
        }

        if (closed)
        {
            node.Field = field;
        }

        if (repeatable)
        {
            node.Item = new BindingNode();
        }

        return node;
    }

    private static BindingNode? FindNode(BindingNode scope, string[] segments)
    {
        var node = scope;
        foreach (var s in segments)
        {
            if (!node.Children.TryGetValue(s, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static bool TrySplit(string path, out string[] segments, out string? problem)
    {
        segments = path.Split('.');
        problem = null;
        foreach (var s in segments)
        {
            if (s.Length == 0)
            {
                problem = "has an empty part";
            }
            else if (s is "__proto__" or "constructor" or "prototype")
            {
                problem = $"'{s}' is not allowed as a name";
            }
            else if (s.All(char.IsAsciiDigit))
            {
                problem = $"numeric part '{s}' is not supported (form-js would make a list of it)";
            }
        }

        return problem is null;
    }

    private static string? String(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
