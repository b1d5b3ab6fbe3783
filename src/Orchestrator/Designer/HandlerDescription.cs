#pragma warning disable SA1402 // a family of small records: a job handler's description and its inputs.
namespace Orchestrator.Designer;

/// <summary>What a service-task handler reads and writes, for the designer's picker (the words are in <c>DesignerText</c>).</summary>
/// <param name="Type">The name <c>orc:type</c> gives.</param>
/// <param name="Inputs">The variables it reads (input mappings or process variables), the required ones first.</param>
/// <param name="Outputs">The variables it writes.</param>
/// <param name="Errors">The BPMN error codes it throws (a boundary error event catches them).</param>
public sealed record HandlerDescription(string Type, IReadOnlyList<HandlerInput> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<string> Errors);

/// <summary>One variable a handler reads.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Required">Whether the handler fails (then an incident) without it.</param>
public sealed record HandlerInput(string Name, bool Required);
