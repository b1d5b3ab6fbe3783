using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>A receive task: waits for its message.</summary>
internal sealed class ReceiveTaskBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        var r = (ReceiveTask)node;
        e.Phase = ExecutionPhase.Wait;
        if (!TaskFollowUps.TryPlan(run, e, r, out var followUps, out var error)
            || !run.TrySubscribe(e, r, r.Message, r.CorrelationKey ?? r.Message?.CorrelationKey, out error))
        {
            run.AddIncident(e, IncidentTypes.ExpressionFailed, error, "enter");
            return;
        }

        TaskFollowUps.Schedule(run, e, r, followUps);
    }
}
