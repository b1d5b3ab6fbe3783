using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// The one place that decides which outgoing flows a token takes: parallel gateways take all; exclusive gateways
/// the first whose condition holds, else the default; inclusive gateways and other elements every unconditional flow
/// and every flow whose condition holds, else the default. Nothing taken where something had to be is an incident,
/// never a silent stop.
/// </summary>
internal static class FlowSelector
{
    /// <summary>Fills <paramref name="into"/>; returns <c>false</c> when an incident stopped the token.</summary>
    public static bool Select(InstanceRun run, ExecutionState e, FlowNode node, List<SequenceFlow> into)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Count == 0)
        {
            return true;
        }

        if (node is ParallelGateway || node is EventBasedGateway)
        {
            for (var i = 0; i < outgoing.Count; i++)
            {
                into.Add(outgoing[i]);
            }

            return true;
        }

        var exclusive = node is ExclusiveGateway;
        SequenceFlow? defaultFlow = (node as Gateway)?.Default;
        for (var i = 0; i < outgoing.Count; i++)
        {
            var f = outgoing[i];
            if (f.IsDefault || ReferenceEquals(f, defaultFlow))
            {
                defaultFlow = f;
                continue;
            }

            var holds = true;
            if (f.Condition is { } condition && !run.TryCondition(condition, e, out holds, out var error))
            {
                into.Clear();
                run.AddIncident(e, IncidentTypes.ExpressionFailed, $"Condition of flow {f.Id}: {error}", "leave");
                return false;
            }

            if (holds)
            {
                into.Add(f);
                if (exclusive)
                {
                    return true;
                }
            }
        }

        if (into.Count > 0)
        {
            return true;
        }

        if (defaultFlow is not null)
        {
            into.Add(defaultFlow);
            return true;
        }

        run.AddIncident(e, IncidentTypes.NoMatchingFlow,
            $"No condition of the flows leaving {node.Id} holds and it has no default flow.", "leave");
        return false;
    }
}
