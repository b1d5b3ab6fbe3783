using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Events;

/// <summary>A start event: its trigger already happened (instance start, timer, message), so it completes.</summary>
internal sealed class StartEventBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node) => run.Complete(e, node);
}
