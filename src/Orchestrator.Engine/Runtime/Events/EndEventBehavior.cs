using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Events;

/// <summary>An end event: none ends the token; terminate ends its scope; error, escalation and message throw first.</summary>
internal sealed class EndEventBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        switch (((EndEvent)node).Definition)
        {
            case TerminateEventDefinition:
                run.Terminate(e, node);
                return;
            case ErrorEventDefinition error:
                // The end event completes only when something takes its error; an uncaught one leaves the token
                // here with an incident (retrying throws again), so the trace does not say it completed.
                run.ThrowError(e, error.Error?.ErrorCode, error.Error?.Name, null, completing: node);
                return;
            case EscalationEventDefinition escalation:
                run.ThrowEscalation(e, escalation.Escalation?.EscalationCode);
                break;
            case MessageEventDefinition message:
                run.ThrowMessage(e, node, message);
                if (e.Phase == ExecutionPhase.Incident)
                {
                    return;
                }

                break;
        }

        if (!e.Removed)
        {
            run.EndToken(e, node);
        }
    }
}
