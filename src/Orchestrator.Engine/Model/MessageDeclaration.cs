namespace Orchestrator.Engine.Model;

/// <summary>A root <c>bpmn:message</c>: the name messages are correlated by.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Name">The message name used for correlation.</param>
/// <param name="CorrelationKey">A default correlation key expression declared on the message (<c>orc:correlationKey</c>), if any.</param>
public sealed record MessageDeclaration(string Id, string Name, ValueExpression? CorrelationKey);
