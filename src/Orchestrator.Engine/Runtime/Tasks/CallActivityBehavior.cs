using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>A call activity: asks the host for a child instance (latest or pinned version) and waits for it to end.</summary>
internal sealed class CallActivityBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        var ca = (CallActivity)node;
        if (!run.TryString(ca.CalledElement, e, out var processId, out var error) || string.IsNullOrEmpty(processId))
        {
            run.AddIncident(e, IncidentTypes.ExpressionFailed, $"Called element of {ca.Id}: {(error.Length > 0 ? error : "empty")}", "enter");
            return;
        }

        var called = ca.Binding == CalledVersionBinding.Version && ca.CalledVersion is { } v
            ? run.Engine.Definitions.Find(processId, v)
            : run.Engine.Definitions.Latest(processId);
        if (called is null)
        {
            run.AddIncident(e, IncidentTypes.CalledProcessNotFound,
                $"{ca.Id} calls {processId}{(ca.Binding == CalledVersionBinding.Version ? " version " + ca.CalledVersion : "")}, which is not deployed.", "enter");
            return;
        }

        if (!HasStartableEvent(called.Definition))
        {
            run.AddIncident(e, IncidentTypes.CalledProcessNotFound, $"{ca.Id} calls {processId}, which has no none start event to start by.", "enter");
            return;
        }

        var variables = ca.PassAllVariablesIn ? run.VisibleVariables(e) : [];
        foreach (var m in ca.InMappings)
        {
            if (!run.TryEvaluate(m.Source, e, out var value, out error))
            {
                run.AddIncident(e, IncidentTypes.ExpressionFailed, $"In mapping {m.Target} of {ca.Id}: {error}", "enter");
                return;
            }

            variables[m.Target] = value.ToJson();
        }

        var childId = run.Pid(run.NextId());
        e.Child = childId;
        e.Phase = ExecutionPhase.Wait;
        run.R.ChildrenToStartW.Add(new ChildInstanceStart(new StartInstance(called.ProcessId)
        {
            Version = called.Version,
            InstanceId = childId,
            Variables = variables,
            BusinessKey = run.S.BusinessKey,
            Parent = new ParentLink { InstanceId = run.S.Id, Execution = e.Id, ElementId = ca.Id },
        }));
        run.Hist(HistoryEventType.ChildInstanceRequested, ca.Id, ca.Kind, childId, name: called.ProcessId, detail: "version " + called.Version.ToString(CultureInfo.InvariantCulture));
    }

    private static bool HasStartableEvent(ProcessDefinition process)
    {
        foreach (var s in process.Body.StartEvents)
        {
            if (s.Definition is null)
            {
                return true;
            }
        }

        return process.Body.StartEvents.Count == 1;
    }

    /// <summary>The child ended: copy variables out (all, or by mapping) and complete.</summary>
    public static void Resume(InstanceRun run, ExecutionState e, CallActivity ca, JsonObject? childVariables)
    {
        e.Child = null;
        var vars = childVariables ?? [];
        var output = new JsonObject();
        if (ca.PassAllVariablesOut)
        {
            foreach (var (k, v) in vars)
            {
                output[k] = v?.DeepClone();
            }
        }

        if (ca.OutMappings.Count > 0)
        {
            var context = FeelContext.FromJson(vars);
            foreach (var m in ca.OutMappings)
            {
                if (!run.TryEvaluate(m.Source, context, out var value, out var error))
                {
                    run.AddIncident(e, IncidentTypes.ExpressionFailed, $"Out mapping {m.Target} of {ca.Id}: {error}", "leave");
                    return;
                }

                output[m.Target] = value.ToJson();
            }
        }

        run.SetVariables(e, ca, output);
        run.Complete(e, ca);
    }
}
