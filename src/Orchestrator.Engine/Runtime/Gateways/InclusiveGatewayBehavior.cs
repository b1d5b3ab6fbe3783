using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Gateways;

/// <summary>
/// An inclusive gateway: forks to every flow whose condition holds (see <see cref="FlowSelector"/>); joins when no
/// other token of its scope can still reach it. Joins are checked when the agenda is empty, so "can still reach"
/// looks at tokens that are all settled.
/// </summary>
internal sealed class InclusiveGatewayBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            run.Complete(e, node);
            return;
        }

        e.Phase = ExecutionPhase.Join;
    }

    /// <summary>Fires every inclusive join that no live token can reach any more; returns whether one fired.</summary>
    public static bool FireReadyJoins(InstanceRun run)
    {
        var executions = run.S.Executions;
        for (var i = 0; i < executions.Count; i++)
        {
            var j = executions[i];
            if (j.Phase != ExecutionPhase.Join || run.Node(j) is not InclusiveGateway g)
            {
                continue;
            }

            if (CanStillArrive(run, g, j.Parent))
            {
                continue;
            }

            var parent = run.ParentOf(j)!;
            for (var k = executions.Count - 1; k >= 0; k--)
            {
                var x = executions[k];
                if (x.Phase == ExecutionPhase.Join && x.Parent == j.Parent && string.Equals(x.Element, g.Id, StringComparison.Ordinal))
                {
                    run.Remove(x);
                }
            }

            var t = run.NewExec(parent, g.Id, ExecutionPhase.Wait);
            run.Complete(t, g);
            return true;
        }

        return false;
    }

    private static bool CanStillArrive(InstanceRun run, InclusiveGateway g, int? scope)
    {
        var reachers = run.Deployed.Reachers(g);
        foreach (var x in run.S.Executions)
        {
            // The ancestor of x that sits directly in the gateway's scope.
            var a = x;
            while (a is not null && a.Parent != scope)
            {
                a = run.ParentOf(a);
            }

            if (a is null || (a.Phase == ExecutionPhase.Join && string.Equals(a.Element, g.Id, StringComparison.Ordinal)))
            {
                continue;
            }

            if (reachers.Contains(a.Element))
            {
                return true;
            }
        }

        return false;
    }
}
