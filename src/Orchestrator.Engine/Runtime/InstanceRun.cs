using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Gateways;
using Orchestrator.Engine.Runtime.Tasks;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// One command's run over one instance: the agenda of executions to advance, and the primitives the element
/// behaviours use (flows, scopes, variables, timers, subscriptions, jobs, incidents, errors, history).
/// </summary>
internal sealed partial class InstanceRun
{
    private readonly Queue<ExecutionState> _agenda = new();
    private readonly List<SequenceFlow> _flows = [];
    private int _steps;
    private bool _stopped;

    public InstanceRun(WorkflowEngine engine, DeployedProcess deployed, ProcessInstanceState state, DateTimeOffset now)
    {
        Engine = engine;
        Deployed = deployed;
        S = state;
        Now = now;
        R = new EngineResult(state);
    }

    public WorkflowEngine Engine { get; }

    public DeployedProcess Deployed { get; }

    public ProcessDefinition Def => Deployed.Definition;

    public ProcessInstanceState S { get; }

    public DateTimeOffset Now { get; }

    public EngineResult R { get; }

    public ExecutionState Root => S.Executions[0];

    // ---------------------------------------------------------------- executions

    public int NextId() => ++S.Seq;

    public string Pid(int n) => S.PublicId(n);

    public ExecutionState? Exec(int id)
    {
        var list = S.Executions;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Id == id)
            {
                return list[i];
            }
        }

        return null;
    }

    public ExecutionState? ParentOf(ExecutionState e) => e.Parent is { } p ? Exec(p) : null;

    public ExecutionState NewExec(ExecutionState? parent, string element, ExecutionPhase phase)
    {
        var e = new ExecutionState { Id = NextId(), Parent = parent?.Id, Element = element, Phase = phase };
        S.Executions.Add(e);
        return e;
    }

    public void Remove(ExecutionState e)
    {
        e.Removed = true;
        S.Executions.Remove(e);
    }

    public bool HasChildren(ExecutionState scope)
    {
        var list = S.Executions;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Parent == scope.Id)
            {
                return true;
            }
        }

        return false;
    }

    public List<ExecutionState> ChildrenOf(ExecutionState scope)
    {
        var result = new List<ExecutionState>();
        foreach (var x in S.Executions)
        {
            if (x.Parent == scope.Id)
            {
                result.Add(x);
            }
        }

        return result;
    }

    public void Schedule(ExecutionState e) => _agenda.Enqueue(e);

    public FlowNode Node(ExecutionState e) => Deployed.Node(e.Element);

    // ---------------------------------------------------------------- history

    public void Hist(HistoryEventType type, string? elementId, string? kind = null, string? itemId = null, string? userId = null, string? name = null, JsonNode? value = null, string? detail = null) =>
        R.HistoryW.Add(new HistoryEvent(Now, S.Id, type)
        {
            ElementId = elementId,
            ElementKind = kind,
            ItemId = itemId,
            UserId = userId,
            Name = name,
            Value = value,
            Detail = detail,
        });

    public void Hist(HistoryEventType type, FlowNode node) => Hist(type, node.Id, node.Kind);

    // ---------------------------------------------------------------- the loop

    /// <summary>Runs the agenda until every token waits, or the step budget stops it.</summary>
    public void Drain()
    {
        if (_stopped)
        {
            return;
        }

        while (true)
        {
            while (_agenda.TryDequeue(out var e))
            {
                if (e.Removed || (e.Phase != ExecutionPhase.Enter && e.Phase != ExecutionPhase.Leave))
                {
                    continue;
                }

                if (++_steps > Engine.Options.StepBudget)
                {
                    BudgetExceeded(e);
                    return;
                }

                if (e.Phase == ExecutionPhase.Enter)
                {
                    EnterNode(e);
                }
                else
                {
                    LeaveNode(e);
                }
            }

            if (S.Status != InstanceStatus.Active || !InclusiveGatewayBehavior.FireReadyJoins(this))
            {
                break;
            }
        }
    }

    private void BudgetExceeded(ExecutionState e)
    {
        _stopped = true;
        _agenda.Clear();
        AddIncident(e, IncidentTypes.StepBudgetExceeded,
            $"The instance ran {Engine.Options.StepBudget} steps without reaching a wait state (a loop?); stopped at {e.Element}.", "budget");
    }

    private void EnterNode(ExecutionState e)
    {
        var node = Node(e);
        if (node is Activity a && e.Mi == MultiInstanceRole.None)
        {
            if (a.MultiInstance is not null)
            {
                MultiInstanceBehavior.Start(this, e, a);
                return;
            }

            // Input mappings first, as Camunda 8 does, so that boundary timers and keys can use them.
            if (node.Inputs.Count > 0 && !ApplyInputs(e, node))
            {
                return;
            }

            // After an incident the boundary events are still open (their timers keep running): not again.
            if (a.BoundaryEvents.Count > 0 && !HasOpenBoundaries(e) && !OpenBoundaries(e, a))
            {
                return;
            }
        }
        else if (node.Inputs.Count > 0 && !ApplyInputs(e, node))
        {
            return;
        }

        Hist(HistoryEventType.ElementStarted, node);
        Behaviors.For(node).Execute(this, e, node);
    }

    private void LeaveNode(ExecutionState e)
    {
        var node = Node(e);
        _flows.Clear();
        if (!FlowSelector.Select(this, e, node, _flows))
        {
            return;
        }

        var parent = ParentOf(e)!;
        Remove(e);
        if (_flows.Count == 0)
        {
            TokenEnded(parent);
            return;
        }

        foreach (var flow in _flows)
        {
            var t = NewExec(parent, flow.Target.Id, ExecutionPhase.Enter);
            t.Flow = flow.Id;
            Schedule(t);
        }
    }
}
