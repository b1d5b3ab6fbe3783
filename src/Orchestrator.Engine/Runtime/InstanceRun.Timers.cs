using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Timers;

namespace Orchestrator.Engine.Runtime;

/// <summary>Timers and message subscriptions of executions, and messages thrown.</summary>
internal sealed partial class InstanceRun
{
    /// <summary>Schedules a timer event's timer for an owner execution; <c>false</c> with the reason when its value is wrong.</summary>
    public bool TryScheduleTimer(ExecutionState owner, FlowNode node, TimerEventDefinition def, out string error)
    {
        TimerPlan plan;
        bool ok;
        if (def.Value.IsFeel)
        {
            ok = TryEvaluate(def.Value.Text, owner, out var v, out error);
            plan = default;
            ok = ok && TimerMath.TryPlan(def.Kind, v, Now, Engine.Zone, out plan, out error);
        }
        else
        {
            ok = TimerMath.TryPlan(def.Kind, def.Value.Text, Now, Engine.Zone, out plan, out error);
        }

        if (!ok)
        {
            error = $"Timer {node.Id}: {error}";
            return false;
        }

        if (!plan.Never)
        {
            AddTimer(owner.Id, node.Id, plan.Due, plan.Repeat, plan.Cycle);
        }

        return true;
    }

    public void AddTimer(int owner, string element, DateTimeOffset due, int repeat, string? cycle, TimerPurpose purpose = TimerPurpose.Event, int occurrence = 0, string? group = null)
    {
        var t = new TimerState
        {
            Id = NextId(), Exec = owner, Element = element, Due = due, Repeat = repeat, Cycle = repeat == 0 ? null : cycle,
            Purpose = purpose, Occurrence = occurrence, Group = group,
        };
        S.Timers.Add(t);
        R.TimersScheduledW.Add(new TimerInfo(Pid(t.Id), S.Id, element, due, repeat) { Purpose = purpose });
        Hist(HistoryEventType.TimerScheduled, element, itemId: Pid(t.Id), detail: due.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>Opens a message subscription for an owner execution; <c>false</c> with the reason when its key fails.</summary>
    public bool TrySubscribe(ExecutionState owner, FlowNode node, MessageDeclaration? message, ValueExpression? key, out string error)
    {
        if (!TryString(key, owner, out var k, out error))
        {
            error = $"Correlation key of {node.Id}: {error}";
            return false;
        }

        if (key is not null && string.IsNullOrEmpty(k))
        {
            // A key that evaluates to nothing would match every message of that name, another child's included.
            error = $"Correlation key of {node.Id}: '{key.Text}' gave no value; the message could not be told apart from another case's.";
            return false;
        }

        var s = new SubscriptionState { Id = NextId(), Exec = owner.Id, Element = node.Id, Name = message?.Name ?? node.Id, Key = k };
        S.Subscriptions.Add(s);
        R.SubscriptionsOpenedW.Add(new SubscriptionInfo(Pid(s.Id), S.Id, node.Id, s.Name, k));
        Hist(HistoryEventType.MessageSubscribed, node.Id, node.Kind, Pid(s.Id), name: s.Name, detail: k);
        return true;
    }

    public void ThrowMessage(ExecutionState e, FlowNode node, MessageEventDefinition def)
    {
        var name = def.Message?.Name ?? node.Id;
        var keyExpression = def.CorrelationKey ?? def.Message?.CorrelationKey;
        if (!TryString(keyExpression, e, out var key, out var error))
        {
            AddIncident(e, IncidentTypes.ExpressionFailed, $"Correlation key of {node.Id}: {error}", "enter");
            return;
        }

        if (keyExpression is not null && string.IsNullOrEmpty(key))
        {
            AddIncident(e, IncidentTypes.ExpressionFailed, $"Correlation key of {node.Id}: '{keyExpression.Text}' gave no value.", "enter");
            return;
        }

        R.MessagesThrownW.Add(new ThrownMessage(name, key, (JsonObject?)e.Vars?.DeepClone()));
        Hist(HistoryEventType.MessageThrown, node.Id, node.Kind, name: name, detail: key);
    }
}
