namespace Orchestrator.Engine.Simulation;

/// <summary>A BPMN file given to <see cref="ScenarioRunner"/>: its text and the name problems are reported under.</summary>
/// <param name="SourceName">The file name.</param>
/// <param name="Xml">The BPMN XML.</param>
public sealed record BpmnSource(string SourceName, string Xml);
