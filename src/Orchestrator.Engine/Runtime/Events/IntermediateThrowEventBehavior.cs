using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Events;

/// <summary>An intermediate throw event: none passes, message is handed to the host, escalation looks for a catch.</summary>
internal sealed class IntermediateThrowEventBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        switch (((IntermediateThrowEvent)node).Definition)
        {
            case MessageEventDefinition message:
                run.ThrowMessage(e, node, message);
                if (e.Phase == ExecutionPhase.Incident)
                {
                    return;
                }

                break;
            case EscalationEventDefinition escalation:
                run.ThrowEscalation(e, escalation.Escalation?.EscalationCode);
                break;
        }

        if (!e.Removed)
        {
            run.Complete(e, node);
        }
    }
}
