using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Gateways;

/// <summary>A parallel gateway: joins one token per incoming flow, then forks to every outgoing flow.</summary>
internal sealed class ParallelGatewayBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            run.Complete(e, node);
            return;
        }

        e.Phase = ExecutionPhase.Join;
        var incoming = node.Incoming;
        var chosen = new ExecutionState?[incoming.Count];
        foreach (var x in run.S.Executions)
        {
            if (x.Phase != ExecutionPhase.Join || x.Parent != e.Parent || !string.Equals(x.Element, node.Id, StringComparison.Ordinal))
            {
                continue;
            }

            for (var i = 0; i < incoming.Count; i++)
            {
                if (chosen[i] is null && string.Equals(incoming[i].Id, x.Flow, StringComparison.Ordinal))
                {
                    chosen[i] = x;
                    break;
                }
            }
        }

        foreach (var c in chosen)
        {
            if (c is null)
            {
                return;
            }
        }

        var parent = run.ParentOf(e)!;
        foreach (var c in chosen)
        {
            run.Remove(c!);
        }

        var t = run.NewExec(parent, node.Id, ExecutionPhase.Wait);
        run.Complete(t, node);
    }
}
