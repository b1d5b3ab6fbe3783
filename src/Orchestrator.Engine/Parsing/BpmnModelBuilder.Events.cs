using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

internal sealed partial class BpmnModelBuilder
{
    private FlowNode ReadFlowNode(XmlElementNode xml, ProcessDefinition process, Dictionary<string, FlowElement> all)
    {
        var id = xml.Attr("id")!;
        var name = xml.Attr("name");
        switch (xml.LocalName)
        {
            case "complexGateway":
                return Placeholder(xml, "Complex gateways are not supported; use exclusive, inclusive or parallel gateways.");
            case "transaction":
                return Placeholder(xml, "Transaction sub-processes are not supported (they need compensation); use an embedded sub-process.");
            case "adHocSubProcess":
                return Placeholder(xml, "Ad-hoc sub-processes are not supported; model the tasks with an inclusive or parallel gateway.");
            case "callChoreography":
            case "choreographyTask":
            case "subChoreography":
                return Placeholder(xml, $"{xml.LocalName} is a choreography element; choreographies are not supported.");
            default:
                break;
        }

        if (xml.Attr("isForCompensation") is { } compensation && string.Equals(compensation.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return Placeholder(xml, $"{xml.LocalName} '{id}' is a compensation activity; compensation is not supported.");
        }

        var (inputs, outputs) = ReadIoMappings(xml);
        switch (xml.LocalName)
        {
            case "startEvent":
            case "endEvent":
            case "intermediateCatchEvent":
            case "intermediateThrowEvent":
            case "boundaryEvent":
                return ReadEvent(xml, id, name, inputs, outputs);
            case "exclusiveGateway":
                return new ExclusiveGateway { Id = id, Name = name, Inputs = inputs, Outputs = outputs };
            case "parallelGateway":
                return new ParallelGateway { Id = id, Name = name, Inputs = inputs, Outputs = outputs };
            case "inclusiveGateway":
                return new InclusiveGateway { Id = id, Name = name, Inputs = inputs, Outputs = outputs };
            case "eventBasedGateway":
                if (xml.Attr("instantiate") is { } instantiate && string.Equals(instantiate.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                {
                    return Placeholder(xml, $"Event-based gateway '{id}' instantiates the process (instantiate=\"true\"); start the process with a message or timer start event instead.");
                }

                return new EventBasedGateway { Id = id, Name = name, Inputs = inputs, Outputs = outputs };
            default:
                return ReadActivity(xml, id, name, inputs, outputs, process, all);
        }
    }

    /// <summary>A stand-in for a refused element; <paramref name="message"/> is the refusal, or <c>null</c> when it is already reported.</summary>
    private UnsupportedFlowNode Placeholder(XmlElementNode xml, string? message)
    {
        if (message is not null)
        {
            Unsupported(xml, message);
        }

        return new UnsupportedFlowNode { Id = xml.Attr("id")!, Name = xml.Attr("name"), ElementName = xml.LocalName };
    }

    private FlowNode ReadEvent(XmlElementNode xml, string id, string? name, IReadOnlyList<VariableMapping> inputs, IReadOnlyList<VariableMapping> outputs)
    {
        var definitionsXml = xml.Children.Where(c => c.NamespaceUri == Bpmn && c.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        foreach (var shared in xml.Children.Where(c => c.Is(Bpmn, "eventDefinitionRef")))
        {
            // A definition declared once at the root and shared by several events (MID Innovator, iGrafx): read as if inline.
            var reference = Ref(shared, shared.Text);
            if (reference.Id is not null && reference.ImportedFrom is null && rootEventDefinitions.TryGetValue(reference.Id, out var root))
            {
                definitionsXml.Add(root);
            }
            else
            {
                Error(id, "unresolved-reference",
                    reference.ImportedFrom is not null
                        ? $"Event '{id}' refers to event definition '{reference.Written}' of the imported file '{reference.ImportedFrom}'; references into other files are not supported (write the definition inside the event)."
                        : $"Event '{id}' refers to event definition '{reference.Written}', which is not an event definition at the root of this file (write the definition inside the event).");
                return Placeholder(xml, null);
            }
        }

        if (definitionsXml.Count > 1)
        {
            return Placeholder(xml, $"Event '{id}' has {definitionsXml.Count} event definitions (a multiple event); only one is supported.");
        }

        EventDefinition? definition = null;
        if (definitionsXml.Count == 1)
        {
            var d = definitionsXml[0];
            switch (d.LocalName)
            {
                case "timerEventDefinition":
                    definition = ReadTimer(d, id);
                    break;
                case "messageEventDefinition":
                    {
                        var message = ResolveMessage(d, id);
                        var key = xml.Attr(Orc, OrcDialect.Known(OrcDialect.CorrelationKey)) ?? d.Attr(Orc, OrcDialect.CorrelationKey);
                        definition = new MessageEventDefinition(message, key is null ? message?.CorrelationKey : ValueExpression.Parse(key));
                        break;
                    }

                case "errorEventDefinition":
                    definition = new ErrorEventDefinition(Resolve(errors, d, "errorRef", id, "error"));
                    break;
                case "escalationEventDefinition":
                    definition = new EscalationEventDefinition(Resolve(escalations, d, "escalationRef", id, "escalation"));
                    break;
                case "terminateEventDefinition":
                    definition = new TerminateEventDefinition();
                    break;
                case "signalEventDefinition":
                    return Placeholder(xml, $"Signal events are not supported ({xml.LocalName} '{id}'); use a message event with a correlation key.");
                case "conditionalEventDefinition":
                    return Placeholder(xml, $"Conditional events are not supported ({xml.LocalName} '{id}'); use a message or timer event, or a gateway.");
                case "linkEventDefinition":
                    return Placeholder(xml, $"Link events are not supported ({xml.LocalName} '{id}'); draw the sequence flow directly.");
                case "compensateEventDefinition":
                    return Placeholder(xml, $"Compensation events are not supported ({xml.LocalName} '{id}').");
                case "cancelEventDefinition":
                    return Placeholder(xml, $"Cancel events are not supported ({xml.LocalName} '{id}'): they belong to transactions.");
                default:
                    return Placeholder(xml, $"{d.LocalName} is not supported ({xml.LocalName} '{id}').");
            }
        }

        return xml.LocalName switch
        {
            "startEvent" => new StartEvent
            {
                Id = id, Name = name, Definition = definition, Inputs = inputs, Outputs = outputs,
                IsInterrupting = !string.Equals(xml.Attr("isInterrupting")?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            },
            "endEvent" => new EndEvent { Id = id, Name = name, Definition = definition, Inputs = inputs, Outputs = outputs },
            "intermediateCatchEvent" => new IntermediateCatchEvent { Id = id, Name = name, Definition = definition, Inputs = inputs, Outputs = outputs },
            "intermediateThrowEvent" => new IntermediateThrowEvent { Id = id, Name = name, Definition = definition, Inputs = inputs, Outputs = outputs },
            _ => new BoundaryEvent
            {
                Id = id, Name = name, Definition = definition, Inputs = inputs, Outputs = outputs,
                CancelActivity = !string.Equals(xml.Attr("cancelActivity")?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            },
        };
    }

    private TimerEventDefinition ReadTimer(XmlElementNode xml, string eventId)
    {
        var parts = xml.Children.Where(c => c.NamespaceUri == Bpmn && c.LocalName is "timeDate" or "timeDuration" or "timeCycle").ToList();
        if (parts.Count > 1)
        {
            Error(eventId, "invalid-timer", $"Timer of '{eventId}' has {parts.Count} of timeDate/timeDuration/timeCycle; exactly one is allowed.");
        }

        if (parts.Count == 0)
        {
            // Reported by the validator as timer-missing.
            return new TimerEventDefinition(TimerKind.Duration, new ValueExpression(string.Empty, false));
        }

        var part = parts[0];
        var kind = part.LocalName switch
        {
            "timeDate" => TimerKind.Date,
            "timeCycle" => TimerKind.Cycle,
            _ => TimerKind.Duration,
        };
        return new TimerEventDefinition(kind, ValueExpression.Parse(part.Text.Trim()));
    }

    /// <summary>The message named by <c>messageRef</c> on <paramref name="element"/> (an event definition or a receive task).</summary>
    private MessageDeclaration? ResolveMessage(XmlElementNode element, string elementId) => Resolve(messages, element, "messageRef", elementId, "message");

    private T? Resolve<T>(Dictionary<string, T> table, XmlElementNode element, string attribute, string elementId, string what)
        where T : class
    {
        var reference = RefAttr(element, attribute);
        if (reference.IsMissing)
        {
            return null;
        }

        // A reference that resolves to nothing is reported here; the validator then does not add that the element names none.
        if (reference.ImportedFrom is not null)
        {
            ReportedImplementation(elementId);
            ImportedReference(elementId, reference, what);
            return null;
        }

        if (table.TryGetValue(reference.Id!, out var found))
        {
            return found;
        }

        ReportedImplementation(elementId);

        Error(elementId, "unresolved-reference", $"'{elementId}' refers to {what} '{reference.Written}', which is not defined in this file (add a bpmn:{what} with that id).");
        return null;
    }
}
