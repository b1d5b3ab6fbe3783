using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>An embedded sub-process: a scope whose none start event gets a token.</summary>
internal sealed class SubProcessBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        var sp = (SubProcess)node;
        e.Phase = ExecutionPhase.Scope;
        run.OpenScopeSubscriptions(e, sp.Body);
        StartEvent? start = null;
        foreach (var s in sp.Body.StartEvents)
        {
            if (s.Definition is null)
            {
                start = s;
                break;
            }
        }

        start ??= sp.Body.StartEvents.Count > 0 ? sp.Body.StartEvents[0] : null;
        if (start is null)
        {
            run.Complete(e, node);
            return;
        }

        run.Schedule(run.NewExec(e, start.Id, ExecutionPhase.Enter));
    }
}
