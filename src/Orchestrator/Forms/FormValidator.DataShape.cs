using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Forms;

// The shape of the submitted data in one validation run: unknown keys, empty values, paths.
public sealed partial class FormValidator
{
    private sealed partial class Run
    {
        /// <summary>Rejects keys the form does not bind, and containers of the wrong shape.</summary>
        private void CheckKeys(JsonObject obj, BindingNode node, List<object> path)
        {
            foreach (var (key, value) in obj)
            {
                var p = new List<object>(path) { key };
                if (!node.Children.TryGetValue(key, out var child))
                {
                    Error(p, "is not a field of this form");
                    continue;
                }

                if (child.Field is not null || value is null)
                {
                    continue;
                }

                if (child.Item is not null)
                {
                    if (value is not JsonArray items)
                    {
                        Error(p, "must be a list");
                        continue;
                    }

                    for (var i = 0; i < items.Count; i++)
                    {
                        var itemPath = new List<object>(p) { i };
                        if (items[i] is JsonObject item)
                        {
                            CheckKeys(item, child.Item, itemPath);
                        }
                        else
                        {
                            Error(itemPath, "must be an object");
                        }
                    }
                }
                else if (value is JsonObject inner)
                {
                    CheckKeys(inner, child, p);
                }
                else
                {
                    Error(p, "must be an object");
                }
            }
        }

        private static int IndexOf(IReadOnlyList<JsonNode> options, JsonNode? value)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (FormRules.JsonEquals(options[i], value))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsEmpty(FormComponent c, JsonNode? value) => value switch
        {
            null => true,
            JsonArray a => a.Count == 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => c.Kind == FieldKind.Checkbox,
            _ => false,
        };

        /// <summary>form-js's <c>emptyValue</c> per field type.</summary>
        private static JsonNode? EmptyValue(FormComponent c) => c.Kind switch
        {
            FieldKind.Textfield or FieldKind.Textarea => JsonValue.Create(""),
            FieldKind.Checkbox => JsonValue.Create(false),
            FieldKind.Checklist or FieldKind.Taglist => new JsonArray(),
            _ => null,
        };

        /// <summary>form-js's <c>sanitizeValue</c> of initial data, for the common types.</summary>
        private static JsonNode? Sanitize(FormComponent c, JsonNode initial)
        {
            switch (c.Kind)
            {
                case FieldKind.Textfield or FieldKind.Textarea:
                    if (initial is JsonObject or JsonArray)
                    {
                        return JsonValue.Create("");
                    }

                    var text = initial.GetValueKind() == JsonValueKind.String ? initial.GetValue<string>() : initial.ToJsonString();
                    return JsonValue.Create(c.Kind == FieldKind.Textfield ? text.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ') : text);
                case FieldKind.Checkbox:
                    return JsonValue.Create(initial.GetValueKind() == JsonValueKind.True);
                case FieldKind.Number:
                    if (!FormRules.TryGetDecimal(initial, allowString: true, out var n))
                    {
                        return null;
                    }

                    return c.SerializeToString ? JsonValue.Create(FormRules.Format(n)) : JsonValue.Create(n);
                default:
                    return initial;
            }
        }

        private static List<object> Append(IReadOnlyList<object> basePath, string[] segments)
        {
            var path = new List<object>(basePath.Count + segments.Length);
            path.AddRange(basePath);
            path.AddRange(segments);
            return path;
        }

        private static bool TryGet(JsonNode? root, IReadOnlyList<object> path, out JsonNode? value)
        {
            value = root;
            foreach (var segment in path)
            {
                switch (segment)
                {
                    case string key when value is JsonObject o && o.TryGetPropertyValue(key, out var next):
                        value = next;
                        break;
                    case int index when value is JsonArray a && index < a.Count:
                        value = a[index];
                        break;
                    default:
                        value = null;
                        return false;
                }
            }

            return root is not null;
        }

        private static string FormatPath(IReadOnlyList<object> path)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var segment in path)
            {
                if (segment is int i)
                {
                    sb.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append((string)segment);
                }
            }

            return sb.ToString();
        }
    }
}
