using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;

namespace Orchestrator.Engine.Validation;

/// <summary>Which elements can never be reached from a start event.</summary>
internal sealed partial class ProcessChecker
{
    private void CheckReachability()
    {
        var reached = new HashSet<FlowNode>();
        var queue = new Queue<FlowNode>();

        void Reach(FlowNode node)
        {
            if (reached.Add(node))
            {
                queue.Enqueue(node);
            }
        }

        void EnterScope(FlowScope scope)
        {
            foreach (var start in scope.StartEvents)
            {
                Reach(start);
            }

            foreach (var esp in scope.EventSubProcesses)
            {
                Reach(esp);
            }

            foreach (var placeholder in scope.Nodes.OfType<UnsupportedFlowNode>())
            {
                Reach(placeholder); // reported by the parser; do not add follow-on noise
            }
        }

        EnterScope(process.Body);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var flow in node.Outgoing)
            {
                Reach(flow.Target);
            }

            if (node is Activity activity)
            {
                foreach (var boundary in activity.BoundaryEvents)
                {
                    Reach(boundary);
                }
            }

            if (node is SubProcess sub)
            {
                EnterScope(sub.Body);
            }
        }

        ReportUnreached(process.Body, reached);
    }

    private void ReportUnreached(FlowScope scope, HashSet<FlowNode> reached)
    {
        foreach (var node in scope.Nodes)
        {
            if (!reached.Contains(node))
            {
                if (node is BoundaryEvent { AttachedTo: null })
                {
                    continue; // not attached: reported by the parser
                }

                Error(node.Id, ValidationCodes.Unreachable,
                    node is BoundaryEvent b
                        ? $"Boundary event '{node.Id}' is attached to '{b.AttachedTo?.Id}', which can never be reached."
                        : node.Incoming.Count == 0 && node.Outgoing.Count == 0
                            ? $"{node.Kind} '{node.Id}' is not connected: no sequence flow leads to it or leaves it."
                            : $"{node.Kind} '{node.Id}' can never be reached: no sequence flow leads to it from a start event.");
            }
            else if (node is SubProcess sub)
            {
                ReportUnreached(sub.Body, reached);
            }
        }
    }
}
