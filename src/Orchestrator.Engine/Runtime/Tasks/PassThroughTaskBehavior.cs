using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>A plain task or manual task: passes straight through.</summary>
internal sealed class PassThroughTaskBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node) => run.Complete(e, node);
}
