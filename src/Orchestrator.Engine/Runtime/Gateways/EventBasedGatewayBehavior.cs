using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Gateways;

/// <summary>An event-based gateway: waits for the first of the events (timer, message, receive task) after it.</summary>
internal sealed class EventBasedGatewayBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        e.Phase = ExecutionPhase.Wait;
        foreach (var f in node.Outgoing)
        {
            var error = "";
            var ok = f.Target switch
            {
                IntermediateCatchEvent { Definition: TimerEventDefinition timer } c => run.TryScheduleTimer(e, c, timer, out error),
                IntermediateCatchEvent { Definition: MessageEventDefinition message } c =>
                    run.TrySubscribe(e, c, message.Message, message.CorrelationKey ?? message.Message?.CorrelationKey, out error),
                ReceiveTask r => run.TrySubscribe(e, r, r.Message, r.CorrelationKey ?? r.Message?.CorrelationKey, out error),
                _ => true,
            };
            if (!ok)
            {
                run.CloseAttached(e, cancelled: true);
                run.AddIncident(e, IncidentTypes.ExpressionFailed, error, "enter");
                return;
            }
        }
    }

    /// <summary>One of the events happened: the others are cancelled and the token continues at that event.</summary>
    public static void Trigger(InstanceRun run, ExecutionState gateway, FlowNode target, System.Text.Json.Nodes.JsonObject? variables)
    {
        run.CloseAttached(gateway, cancelled: true);
        var node = run.Node(gateway);
        run.Hist(HistoryEventType.ElementCompleted, node);
        var parent = run.ParentOf(gateway)!;
        run.Remove(gateway);
        var t = run.NewExec(parent, target.Id, ExecutionPhase.Wait);
        foreach (var f in node.Outgoing)
        {
            if (ReferenceEquals(f.Target, target))
            {
                t.Flow = f.Id;
            }
        }

        run.Hist(HistoryEventType.ElementStarted, target);
        run.SetVariables(t, target, variables);
        run.Complete(t, target);
    }
}
