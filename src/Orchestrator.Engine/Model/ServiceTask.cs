namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:serviceTask</c> (or a <c>bpmn:businessRuleTask</c> run by a handler): calls the handler named by <see cref="Type"/>.</summary>
public sealed class ServiceTask : Activity
{
    /// <inheritdoc/>
    public override string Kind => "serviceTask";

    /// <summary><c>orc:type</c>: the handler's name in the host's registry.</summary>
    public string? Type { get; init; }

    /// <summary><c>orc:retries</c>: attempts before a technical failure becomes an incident.</summary>
    public int Retries { get; init; } = 3;
}
