using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Events;

/// <summary>An intermediate catch event: waits for its timer or message.</summary>
internal sealed class IntermediateCatchEventBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        e.Phase = ExecutionPhase.Wait;
        var error = "";
        var ok = ((IntermediateCatchEvent)node).Definition switch
        {
            TimerEventDefinition timer => run.TryScheduleTimer(e, node, timer, out error),
            MessageEventDefinition message => run.TrySubscribe(e, node, message.Message, message.CorrelationKey ?? message.Message?.CorrelationKey, out error),
            _ => Pass(run, e, node),
        };
        if (!ok)
        {
            run.AddIncident(e, IncidentTypes.ExpressionFailed, error, "enter");
        }
    }

    private static bool Pass(InstanceRun run, ExecutionState e, FlowNode node)
    {
        run.Complete(e, node);
        return true;
    }
}
