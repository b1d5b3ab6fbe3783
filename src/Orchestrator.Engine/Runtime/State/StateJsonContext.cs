using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Runtime;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProcessInstanceState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
