using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime;

/// <summary>What one kind of BPMN element does when a token enters it.</summary>
internal abstract class NodeBehavior
{
    /// <summary>Runs the element for a token that just entered it (inputs applied, boundary events open).</summary>
    public abstract void Execute(InstanceRun run, ExecutionState e, FlowNode node);
}
