using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Engine.Runtime;

/// <summary>The JSON settings of the state document: camelCase, enums as camelCase strings, defaults and empty lists left out.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static readonly JsonTypeInfo<ProcessInstanceState> TypeInfo =
        (JsonTypeInfo<ProcessInstanceState>)Options.GetTypeInfo(typeof(ProcessInstanceState));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(StateJsonContext.Default.Options)
        {
            TypeInfoResolver = StateJsonContext.Default.WithAddedModifier(static info =>
            {
                foreach (var property in info.Properties)
                {
                    if (typeof(System.Collections.ICollection).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(JsonObject) && property.PropertyType != typeof(JsonArray))
                    {
                        property.ShouldSerialize = static (_, value) => value is System.Collections.ICollection { Count: > 0 };
                    }
                }
            }),
        };
        options.MakeReadOnly();
        return options;
    }
}
