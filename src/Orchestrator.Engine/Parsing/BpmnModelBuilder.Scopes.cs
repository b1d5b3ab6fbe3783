using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

internal sealed partial class BpmnModelBuilder
{
    private ProcessDefinition? ReadProcess(XmlElementNode element)
    {
        var id = element.Attr("id");
        if (string.IsNullOrEmpty(id))
        {
            Error(null, "missing-id", $"A bpmn:process (line {element.Line}) has no id.");
            return null;
        }

        // Like Camunda 7, a process without isExecutable is executable; isExecutable="false" is not.
        var executable = element.Attr("isExecutable");
        var process = new ProcessDefinition
        {
            Id = id,
            Name = element.Attr("name"),
            IsExecutable = executable is null || !string.Equals(executable.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            Definitions = definitions,
        };
        var all = new Dictionary<string, FlowElement>(StringComparer.Ordinal);
        process.Body = ReadScope(element, process, null, all);
        process.AllElements = all;
        return process;
    }

    private FlowScope ReadScope(XmlElementNode container, ProcessDefinition process, SubProcess? parent, Dictionary<string, FlowElement> all)
    {
        var nodes = new List<FlowNode>();
        var local = new Dictionary<string, (FlowNode Node, XmlElementNode Xml)>(StringComparer.Ordinal);
        var flowElements = new List<XmlElementNode>();

        foreach (var child in container.Children)
        {
            if (child.NamespaceUri != Bpmn)
            {
                continue;
            }

            if (child.LocalName == "sequenceFlow")
            {
                flowElements.Add(child);
                continue;
            }

            if (!FlowNodeNames.Contains(child.LocalName))
            {
                if (!IgnoredScopeChildren.Contains(child.LocalName))
                {
                    if (child.LocalName is "standardLoopCharacteristics" or "multiInstanceLoopCharacteristics")
                    {
                        continue; // read with the activity
                    }

                    Warning(NullIfEmpty(child.Attr("id")) ?? IdOf(child), "unknown-element", $"{Describe(child)} is not a BPMN element Orchestrator knows; it is ignored.");
                }

                continue;
            }

            var id = child.Attr("id");
            if (string.IsNullOrEmpty(id))
            {
                Error(IdOf(container), "missing-id", $"A bpmn:{child.LocalName} (line {child.Line}) has no id.");
                continue;
            }

            if (all.ContainsKey(id) || local.ContainsKey(id))
            {
                continue; // reported as duplicate-id
            }

            var node = ReadFlowNode(child, process, all);
            node.Process = process;
            node.Parent = parent;
            nodes.Add(node);
            local[id] = (node, child);
            all[id] = node;
        }

        // Sequence flows.
        var flows = new List<SequenceFlow>();
        var incoming = nodes.ToDictionary(n => n.Id, _ => new List<SequenceFlow>(), StringComparer.Ordinal);
        var outgoing = nodes.ToDictionary(n => n.Id, _ => new List<SequenceFlow>(), StringComparer.Ordinal);
        foreach (var xml in flowElements)
        {
            var flow = ReadSequenceFlow(xml, local, all);
            if (flow is null)
            {
                continue;
            }

            flow.Process = process;
            flow.Parent = parent;
            flows.Add(flow);
            all[flow.Id] = flow;
            outgoing[flow.Source.Id].Add(flow);
            incoming[flow.Target.Id].Add(flow);
        }

        foreach (var node in nodes)
        {
            node.Incoming = incoming[node.Id];
            node.Outgoing = outgoing[node.Id];
        }

        // Boundary events attach to activities of the same scope.
        var boundaries = new Dictionary<Activity, List<BoundaryEvent>>();
        foreach (var boundary in nodes.OfType<BoundaryEvent>())
        {
            var xml = local[boundary.Id].Xml;
            var reference = RefAttr(xml, "attachedToRef");
            if (reference.IsMissing)
            {
                Error(boundary.Id, "boundary-not-attached", $"Boundary event '{boundary.Id}' has no attachedToRef.");
                continue;
            }

            var attachedTo = reference.Id!;
            if (reference.ImportedFrom is not null)
            {
                ImportedReference(boundary.Id, reference, "activity");
                continue;
            }

            if (!local.TryGetValue(attachedTo, out var target))
            {
                Error(boundary.Id, "boundary-not-attached",
                    all.ContainsKey(attachedTo) || idsInFile.ContainsKey(attachedTo)
                        ? $"Boundary event '{boundary.Id}' is attached to '{attachedTo}', which is not in the same process or sub-process (a boundary event is declared next to its activity)."
                        : $"Boundary event '{boundary.Id}' is attached to '{attachedTo}', which does not exist.");
                continue;
            }

            if (target.Node is UnsupportedFlowNode)
            {
                continue; // the activity is refused already; the boundary goes with it
            }

            if (target.Node is not Activity activity)
            {
                Error(boundary.Id, "boundary-invalid-attachment",
                    $"Boundary event '{boundary.Id}' is attached to {target.Node.Kind} '{attachedTo}'; boundary events can only be attached to tasks, sub-processes and call activities.");
                continue;
            }

            boundary.AttachedTo = activity;
            if (!boundaries.TryGetValue(activity, out var list))
            {
                boundaries[activity] = list = [];
            }

            list.Add(boundary);
        }

        foreach (var (activity, list) in boundaries)
        {
            activity.BoundaryEvents = list;
        }

        // Default flows.
        foreach (var node in nodes)
        {
            var xml = local[node.Id].Xml;
            var defaultId = RefAttr(xml, "default").Id;
            if (string.IsNullOrEmpty(defaultId))
            {
                continue;
            }

            var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (flow is null)
            {
                Error(node.Id, "invalid-default-flow",
                    $"{node.Kind} '{node.Id}' names '{defaultId}' as its default flow, but that is not one of its outgoing sequence flows.");
                continue;
            }

            if (node is Gateway gateway)
            {
                if (gateway is not (ExclusiveGateway or InclusiveGateway))
                {
                    Error(node.Id, "invalid-default-flow", $"{node.Kind} '{node.Id}' cannot have a default flow; only exclusive and inclusive gateways and activities can.");
                    continue;
                }

                gateway.Default = flow;
            }

            flow.IsDefault = true;
        }

        var subProcesses = nodes.OfType<SubProcess>().ToList();
        return new FlowScope
        {
            Nodes = nodes,
            Flows = flows,
            StartEvents = nodes.OfType<StartEvent>().ToList(),
            EventSubProcesses = subProcesses.Where(s => s.TriggeredByEvent).ToList(),
        };
    }

    private SequenceFlow? ReadSequenceFlow(XmlElementNode xml, Dictionary<string, (FlowNode Node, XmlElementNode Xml)> local, Dictionary<string, FlowElement> all)
    {
        var id = xml.Attr("id");
        if (string.IsNullOrEmpty(id))
        {
            Error(IdOf(xml.ParentNode), "missing-id", $"A bpmn:sequenceFlow (line {xml.Line}) has no id.");
            return null;
        }

        if (all.ContainsKey(id))
        {
            return null; // duplicate-id
        }

        var sourceRef = RefAttr(xml, "sourceRef").Id;
        var targetRef = RefAttr(xml, "targetRef").Id;
        FlowNode? source = null, target = null;
        foreach (var (role, reference) in new[] { ("source", sourceRef), ("target", targetRef) })
        {
            if (string.IsNullOrEmpty(reference))
            {
                Error(id, "invalid-sequence-flow", $"Sequence flow '{id}' has no {role}Ref.");
                return null;
            }

            if (local.TryGetValue(reference, out var found))
            {
                if (role == "source")
                {
                    source = found.Node;
                }
                else
                {
                    target = found.Node;
                }
            }
            else if (all.ContainsKey(reference))
            {
                Error(id, "invalid-sequence-flow",
                    $"Sequence flow '{id}' connects to '{reference}', which is inside another sub-process; sequence flows cannot cross a sub-process boundary.");
                return null;
            }
            else
            {
                Error(id, "invalid-sequence-flow", $"Sequence flow '{id}' has {role}Ref '{reference}', which is not a flow node of the same process or sub-process.");
                return null;
            }
        }

        if (target is BoundaryEvent)
        {
            Error(id, "invalid-sequence-flow", $"Sequence flow '{id}' ends at boundary event '{target.Id}'; boundary events cannot have incoming flows.");
        }

        if (target is StartEvent)
        {
            Error(id, "invalid-sequence-flow", $"Sequence flow '{id}' ends at start event '{target.Id}'; start events cannot have incoming flows.");
        }

        if (source is EndEvent)
        {
            Error(id, "invalid-sequence-flow", $"Sequence flow '{id}' leaves end event '{source.Id}'; end events cannot have outgoing flows.");
        }

        var (condition, empty) = ReadCondition(xml, id);
        return new SequenceFlow { Id = id, Name = xml.Attr("name"), Source = source!, Target = target!, Condition = condition, HasEmptyCondition = empty };
    }

    /// <summary>
    /// A sequence flow's <c>conditionExpression</c>, read once with its language: its own <c>language</c>, else the
    /// file's <c>expressionLanguage</c>, else FEEL. JUEL (<c>${…}</c>, <c>#{…}</c>) or another language is one error
    /// at the flow, and the text is kept (so the flow still counts as conditional) but not checked as FEEL. An empty
    /// condition is nothing to run, whatever its language: the validator decides whether the flow needed one.
    /// </summary>
    private (string? Condition, bool Empty) ReadCondition(XmlElementNode flow, string flowId)
    {
        var conditionXml = flow.Child(Bpmn, "conditionExpression");
        if (conditionXml is null)
        {
            return (null, false);
        }

        if (conditionXml.Attr(Camunda, "resource") is not null)
        {
            ReportedImplementation(flowId); // an unsupported-attribute error from the document walk
            return (null, false);
        }

        var text = conditionXml.Text.Trim();
        if (text.StartsWith('='))
        {
            text = text[1..].Trim();
        }

        if (text.Length == 0)
        {
            return (null, true);
        }

        var own = NullIfEmpty(conditionXml.Attr("language"));
        if (own is not null && !IsFeelLanguage(own))
        {
            Error(flowId, "unsupported-script-format", $"Sequence flow '{flowId}' has a condition in {LanguageName(own)}; conditions are FEEL.");
            RefusedExpression(flowId, text);
        }
        else if (IsJuel(text))
        {
            ReportJuel(flowId, "The condition", text);
        }
        else if (own is null && !IsFeelLanguage(expressionLanguage))
        {
            Error(flowId, "unsupported-script-format",
                $"Sequence flow '{flowId}' has a condition in {LanguageName(expressionLanguage)}, the file's expressionLanguage; conditions are FEEL (give the condition language=\"feel\", or remove expressionLanguage from the definitions).");
            RefusedExpression(flowId, text);
        }

        return (text, false);
    }
}
