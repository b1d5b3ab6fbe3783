using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Tasks;

namespace Orchestrator.Engine.Runtime;

/// <summary>Variables: setting them where they belong, canonical JSON, input and output mappings, what an execution sees.</summary>
internal sealed partial class InstanceRun
{
    public void SetVariable(ExecutionState from, string name, JsonNode? value, string? userId = null)
    {
        for (var s = from; s is not null; s = ParentOf(s))
        {
            if (s.Vars is not null && s.Vars.ContainsKey(name))
            {
                SetLocal(s, name, value, userId);
                return;
            }
        }

        SetLocal(Root, name, value, userId);
    }

    public void SetLocal(ExecutionState s, string name, JsonNode? value, string? userId = null)
    {
        value = Canonical(value);

        s.Vars ??= [];
        var existed = s.Vars.ContainsKey(name);
        s.Vars[name] = value;
        Hist(existed ? HistoryEventType.VariableUpdated : HistoryEventType.VariableCreated, s.Parent is null ? null : s.Element, userId: userId, name: name,
            value: value?.DeepClone());
    }

    /// <summary>
    /// The form every variable value is kept in: parentless and backed by a parsed JSON element, exactly as it is after
    /// the state has been serialised and read back (so that numbers behave the same either way).
    /// </summary>
    public static JsonNode? Canonical(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.TryGetValue<System.Text.Json.JsonElement>(out _))
        {
            return value.Parent is null ? value : value.DeepClone();
        }

        return JsonNode.Parse(value.ToJsonString());
    }

    /// <summary>Variables a task completes with (or a message brings): local when the element has output mappings, else propagated.</summary>
    public void SetVariables(ExecutionState e, FlowNode node, JsonObject? variables, string? userId = null)
    {
        if (variables is null || variables.Count == 0)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            if (node.Outputs.Count > 0)
            {
                SetLocal(e, name, value?.DeepClone(), userId);
            }
            else
            {
                SetVariable(e, name, value?.DeepClone(), userId);
            }
        }
    }

    /// <summary>A copy of the variables visible from an execution (inner scopes shadow outer ones).</summary>
    public JsonObject VisibleVariables(ExecutionState e)
    {
        var chain = new List<ExecutionState>();
        for (var s = e; s is not null; s = ParentOf(s))
        {
            chain.Add(s);
        }

        var result = new JsonObject();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].Vars is { } vars)
            {
                foreach (var (k, v) in vars)
                {
                    result[k] = v?.DeepClone();
                }
            }
        }

        return result;
    }

    private bool ApplyInputs(ExecutionState e, FlowNode node)
    {
        foreach (var m in node.Inputs)
        {
            if (!TryEvaluate(m.Source, e, out var v, out var error))
            {
                AddIncident(e, IncidentTypes.ExpressionFailed, $"Input mapping {m.Target} of {node.Id}: {error}", "enter");
                return false;
            }

            e.Vars ??= [];
            e.Vars[m.Target] = Canonical(v.ToJson());
        }

        return true;
    }

    private bool ApplyOutputs(ExecutionState e, FlowNode node)
    {
        var values = new List<(string, JsonNode?)>(node.Outputs.Count);
        foreach (var m in node.Outputs)
        {
            if (!TryEvaluate(m.Source, e, out var v, out var error))
            {
                AddIncident(e, IncidentTypes.ExpressionFailed, $"Output mapping {m.Target} of {node.Id}: {error}", "complete");
                return false;
            }

            values.Add((m.Target, v.ToJson()));
        }

        var parent = ParentOf(e) ?? Root;
        var instanceOutput = e.Mi == MultiInstanceRole.Inner && node is Activity { MultiInstance: { } mi }
            ? MultiInstanceBehavior.OutputVariable(mi.OutputElement)
            : null;
        foreach (var (name, value) in values)
        {
            if (instanceOutput is not null && string.Equals(name, instanceOutput, StringComparison.Ordinal))
            {
                // The multi-instance output element reads it from this instance (see MultiInstanceBehavior).
                SetLocal(e, name, value);
            }
            else
            {
                SetVariable(parent, name, value);
            }
        }

        return true;
    }
}
