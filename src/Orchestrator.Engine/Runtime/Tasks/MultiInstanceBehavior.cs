using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>
/// Multi-instance activities (parallel or sequential) as Camunda 8 runs them: a body execution holds the counters
/// (<c>nrOfInstances</c>, <c>nrOfCompletedInstances</c>, <c>nrOfActiveInstances</c>), the output collection and the
/// boundary events; each instance has <c>loopCounter</c> (1-based) and the element variable as locals.
/// </summary>
internal static class MultiInstanceBehavior
{
    private const string Instances = "nrOfInstances";
    private const string Completed = "nrOfCompletedInstances";
    private const string Active = "nrOfActiveInstances";
    private const string LoopCounter = "loopCounter";

    public static void Start(InstanceRun run, ExecutionState e, Activity a)
    {
        var mi = a.MultiInstance!;
        JsonArray? items = null;
        int n;
        if (mi.Collection is { } collection)
        {
            // A collection that is null (a variable missing or misspelt) is an incident, as in Camunda 8: skipping the
            // activity would silently drop work such as every evaluator's assessment.
            if (!run.TryEvaluate(collection, e, out var value, out var error) || value is not FeelList)
            {
                run.AddIncident(e, IncidentTypes.ExpressionFailed,
                    $"Multi-instance collection of {a.Id}: {(error.Length > 0 ? error : $"'{collection}' gave {value}, not a list")}", "enter");
                return;
            }

            items = (JsonArray)InstanceRun.Canonical(((FeelList)value).ToJson())!;
            n = items.Count;
        }
        else if (mi.LoopCardinality is { } cardinality)
        {
            if (!run.TryEvaluate(cardinality, e, out var value, out var error) || value is not FeelNumber number || number.Value < 0)
            {
                run.AddIncident(e, IncidentTypes.ExpressionFailed,
                    $"Loop cardinality of {a.Id}: {(error.Length > 0 ? error : $"'{cardinality}' gave {value}, not a non-negative number")}", "enter");
                return;
            }

            n = (int)number.Value;
        }
        else
        {
            run.AddIncident(e, IncidentTypes.ExpressionFailed, $"Multi-instance {a.Id} has neither a collection nor a loop cardinality.", "enter");
            return;
        }

        e.Mi = MultiInstanceRole.Body;
        e.Phase = ExecutionPhase.Scope;
        e.Vars = new JsonObject { [Instances] = n, [Completed] = 0, [Active] = mi.IsSequential ? Math.Min(1, n) : n };
        JsonArray? output = null;
        if (mi.OutputCollection is not null)
        {
            output = [];
            for (var i = 0; i < n; i++)
            {
                output.Add(null);
            }
        }

        e.Loop = new LoopState { Items = mi.IsSequential ? items : null, Out = output };
        run.Hist(HistoryEventType.ElementStarted, a.Id, "multiInstanceBody");
        if (a.BoundaryEvents.Count > 0 && !run.OpenBoundaries(e, a))
        {
            // Back to a plain token, so that a retry evaluates the collection again.
            e.Mi = MultiInstanceRole.None;
            e.Vars = null;
            e.Loop = null;
            return;
        }

        if (n == 0)
        {
            CompleteBody(run, e, a);
            return;
        }

        if (mi.IsSequential)
        {
            CreateInner(run, e, a, 1, items?[0]);
        }
        else
        {
            for (var i = 1; i <= n; i++)
            {
                CreateInner(run, e, a, i, items?[i - 1]);
            }
        }
    }

    private static void CreateInner(InstanceRun run, ExecutionState body, Activity a, int loopCounter, JsonNode? item)
    {
        var x = run.NewExec(body, a.Id, ExecutionPhase.Enter);
        x.Mi = MultiInstanceRole.Inner;
        x.Vars = new JsonObject { [LoopCounter] = loopCounter };
        var mi = a.MultiInstance!;
        if (mi.OutputCollection is not null && OutputVariable(mi.OutputElement) is { } output && output != mi.ElementVariable)
        {
            // As Camunda 8 does: an output element that names a variable makes that variable local to the instance
            // (null at first), so each instance's value is its own and does not leak into the process.
            x.Vars[output] = null;
        }

        if (mi.ElementVariable is { Length: > 0 } name)
        {
            x.Vars[name] = item?.DeepClone();
        }

        run.Schedule(x);
    }

    /// <summary>The variable an output element such as <c>=answer</c> or <c>=answer.text</c> reads, or <c>null</c> for any other expression.</summary>
    internal static string? OutputVariable(string? outputElement)
    {
        if (outputElement is null)
        {
            return null;
        }

        var text = outputElement.AsSpan().Trim();
        if (text.StartsWith("="))
        {
            text = text[1..].Trim();
        }

        var end = 0;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_' || (text[end] == '.' && end > 0)))
        {
            end++;
        }

        if (end == 0 || end < text.Length || !(char.IsLetter(text[0]) || text[0] == '_') || text[end - 1] == '.')
        {
            return null;
        }

        var dot = text.IndexOf('.');
        var name = (dot < 0 ? text : text[..dot]).ToString();
        return name is "true" or "false" or "null" or "loopCounter" ? null : name;
    }

    public static void InnerCompleted(InstanceRun run, ExecutionState x, Activity a)
    {
        var mi = a.MultiInstance!;
        var body = run.ParentOf(x)!;
        var index = (int)x.Vars![LoopCounter]!.GetValue<int>() - 1;
        if (body.Loop?.Out is { } output && mi.OutputElement is { } outputElement && index < output.Count)
        {
            if (run.TryEvaluate(outputElement, x, out var v, out var outputError))
            {
                output[index] = InstanceRun.Canonical(v.ToJson());
            }
            else
            {
                // Visible, not silent: the item stays null and the loop goes on (retrying only resolves the incident).
                output[index] = null;
                run.AddIncident(body, IncidentTypes.ExpressionFailed, $"Output element of {a.Id}: {outputError}", "none", element: a.Id);
            }
        }

        var completed = body.Vars![Completed]!.GetValue<int>() + 1;
        var total = body.Vars[Instances]!.GetValue<int>();
        body.Vars[Completed] = completed;
        body.Vars[Active] = body.Vars[Active]!.GetValue<int>() - 1;

        var done = false;
        if (mi.CompletionCondition is { } condition && !run.TryCondition(condition, x, out done, out var conditionError))
        {
            // Visible, not silent; the safe reading is "not done yet", so no instance is cut short by a broken condition.
            done = false;
            run.AddIncident(body, IncidentTypes.ExpressionFailed, $"Completion condition of {a.Id}: {conditionError}", "none", element: a.Id);
        }

        run.Remove(x);
        if (done)
        {
            foreach (var other in run.ChildrenOf(body))
            {
                run.Cancel(other);
            }

            CompleteBody(run, body, a);
        }
        else if (mi.IsSequential && completed < total)
        {
            body.Vars[Active] = 1;
            CreateInner(run, body, a, completed + 1, body.Loop?.Items?[completed]);
        }
        else if (!run.HasChildren(body))
        {
            CompleteBody(run, body, a);
        }
    }

    private static void CompleteBody(InstanceRun run, ExecutionState body, Activity a)
    {
        if (a.MultiInstance!.OutputCollection is { } name)
        {
            run.SetVariable(run.ParentOf(body)!, name, body.Loop?.Out?.DeepClone() ?? new JsonArray());
        }

        run.CloseAttached(body);
        run.Hist(HistoryEventType.ElementCompleted, a.Id, "multiInstanceBody");
        body.Vars = null;
        body.Loop = null;
        body.Phase = ExecutionPhase.Leave;
        run.Schedule(body);
    }
}
