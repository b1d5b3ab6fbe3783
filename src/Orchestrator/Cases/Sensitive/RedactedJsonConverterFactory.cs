using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestrator.Cases.Sensitive;

/// <summary>Writes a <see cref="Redacted{T}"/> as its object with a <see cref="SensitiveMarker"/> at each restricted property (it is never read back).</summary>
public sealed class RedactedJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Redacted<>);
    }

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return (JsonConverter?)Activator.CreateInstance(typeof(RedactedConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]));
    }

    private sealed class RedactedConverter<T> : JsonConverter<Redacted<T>>
        where T : class
    {
        public override Redacted<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A redacted answer is written, never read back.");

        public override void Write(Utf8JsonWriter writer, Redacted<T> value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value.Value, options);
            foreach (var field in value.RestrictedFields)
            {
                var parent = node;
                for (var i = 0; i < field.Properties.Count - 1 && parent is JsonObject o; i++)
                {
                    parent = o[NameOf(field.Properties[i].Name, options)];
                }

                if (parent is JsonObject target)
                {
                    target[NameOf(field.Properties[^1].Name, options)] = SensitiveMarker.For(field.Category);
                }
            }

            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer, options);
            }
        }

        private static string NameOf(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
    }
}
