using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Events;

/// <summary>A boundary event is never entered by a flow; its token is made when it fires (<see cref="InstanceRun.TriggerBoundary"/>).</summary>
internal sealed class BoundaryEventBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node) => run.Complete(e, node);
}
