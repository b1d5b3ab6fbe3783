using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>A script task: evaluates its FEEL body and stores the result.</summary>
internal sealed class ScriptTaskBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        var s = (ScriptTask)node;
        if (!run.TryEvaluate(s.Script, e, out var value, out var error))
        {
            run.AddIncident(e, IncidentTypes.ExpressionFailed, $"Script of {s.Id}: {error}", "enter");
            return;
        }

        if (s.ResultVariable is { Length: > 0 } name)
        {
            if (s.Outputs.Count > 0)
            {
                run.SetLocal(e, name, value.ToJson());
            }
            else
            {
                run.SetVariable(e, name, value.ToJson());
            }
        }

        run.Complete(e, node);
    }
}
