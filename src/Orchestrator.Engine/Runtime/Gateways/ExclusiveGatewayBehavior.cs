using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Gateways;

/// <summary>An exclusive gateway: passes; <see cref="FlowSelector"/> picks the one flow.</summary>
internal sealed class ExclusiveGatewayBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node) => run.Complete(e, node);
}
