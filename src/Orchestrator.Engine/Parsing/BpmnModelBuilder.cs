using System.Globalization;
using System.Text;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>Builds the <see cref="Definitions"/> model from the XML tree of one file, collecting problems as it goes.</summary>
internal sealed class BpmnModelBuilder(string sourceName, List<BpmnProblem> problems)
{
    private const string Bpmn = BpmnParser.BpmnNamespace;
    private const string Orc = BpmnParser.OrchestratorNamespace;
    private const string Camunda = BpmnParser.Camunda7Namespace;
    private const string Zeebe = BpmnParser.ZeebeNamespace;

    /// <summary>Flow node element names and what the parser makes of them.</summary>
    private static readonly HashSet<string> FlowNodeNames =
    [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
        "task", "manualTask", "userTask", "serviceTask", "sendTask", "receiveTask", "scriptTask", "businessRuleTask",
        "callActivity", "subProcess", "transaction", "adHocSubProcess",
        "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway",
        "callChoreography", "choreographyTask", "subChoreography",
    ];

    /// <summary>BPMN elements inside a process that carry no behaviour (artifacts, lanes, data) and are skipped.</summary>
    private static readonly HashSet<string> IgnoredScopeChildren =
    [
        "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association", "group",
        "extensionElements", "documentation", "property", "ioSpecification", "auditing", "monitoring", "incoming",
        "outgoing", "supports", "correlationSubscription", "resourceRole", "performer", "humanPerformer", "potentialOwner",
    ];

    /// <summary>The extension attributes the engine reads, by local name (all in <c>orc</c>, the same names in Camunda 7's namespace).</summary>
    private static readonly HashSet<string> CamundaAliases = new(StringComparer.Ordinal)
    {
        "assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate", "priority", "formKey", "collection",
        "elementVariable", "resultVariable", "calledElementBinding", "calledElementVersion",
    };

    /// <summary>Camunda 7 attributes that name Java code.</summary>
    private static readonly string[] JavaAttributes = ["class", "delegateExpression", "expression", "variableMappingClass", "variableMappingDelegateExpression"];

    private readonly Dictionary<string, MessageDeclaration> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ErrorDeclaration> errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EscalationDeclaration> escalations = new(StringComparer.Ordinal);
    private readonly HashSet<string> reportedJuel = new(StringComparer.Ordinal);
    private Definitions definitions = null!;

    public Definitions Build(XmlElementNode root)
    {
        definitions = new Definitions { SourceName = sourceName, Id = root.Attr("id") };
        CheckDuplicateIds(root);
        CheckCamundaAndJuel(root);

        foreach (var child in root.Children)
        {
            if (child.NamespaceUri == Bpmn)
            {
                switch (child.LocalName)
                {
                    case "message":
                        ReadMessage(child);
                        break;
                    case "error":
                        ReadError(child);
                        break;
                    case "escalation":
                        ReadEscalation(child);
                        break;
                    case "choreography":
                    case "globalConversation":
                        Unsupported(child, $"{child.LocalName} is not supported: Orchestrator runs processes only.");
                        break;
                    default:
                        break;
                }
            }
            else if (child.Is(BpmnParser.BpmnDiNamespace, "BPMNDiagram"))
            {
                definitions.HasDiagram = true;
            }
        }

        definitions.Messages = messages;
        definitions.Errors = errors;
        definitions.Escalations = escalations;

        var processes = new List<ProcessDefinition>();
        foreach (var child in root.Children.Where(c => c.Is(Bpmn, "process")))
        {
            var process = ReadProcess(child);
            if (process is not null)
            {
                processes.Add(process);
            }
        }

        definitions.Processes = processes;
        return definitions;
    }

    // ---------------------------------------------------------------- problems

    private void Error(string? elementId, string code, string message) =>
        problems.Add(new BpmnProblem(sourceName, elementId ?? BpmnProblem.FileLevel, code, message));

    private void Warning(string? elementId, string code, string message) =>
        problems.Add(new BpmnProblem(sourceName, elementId ?? BpmnProblem.FileLevel, code, message, ProblemSeverity.Warning));

    private void Unsupported(XmlElementNode element, string message) =>
        Error(IdOf(element), "unsupported-element", message);

    /// <summary>The id of the element, or of its nearest ancestor with one.</summary>
    private static string? IdOf(XmlElementNode? element)
    {
        for (var e = element; e is not null; e = e.ParentNode)
        {
            var id = e.Attr("id");
            if (!string.IsNullOrEmpty(id) && e.NamespaceUri == Bpmn)
            {
                return id;
            }
        }

        return null;
    }

    private static string Describe(XmlElementNode element)
    {
        var id = element.Attr("id");
        return id is null ? $"{element.LocalName} (line {element.Line})" : $"{element.LocalName} '{id}'";
    }

    // ---------------------------------------------------------------- whole-document checks

    private void CheckDuplicateIds(XmlElementNode root)
    {
        var seen = new Dictionary<string, XmlElementNode>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<XmlElementNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            var id = element.Attr("id");
            if (id is not null && element.NamespaceUri is Bpmn or BpmnParser.BpmnDiNamespace)
            {
                if (seen.TryGetValue(id, out var first))
                {
                    if (reported.Add(id))
                    {
                        Error(id, "duplicate-id",
                            $"The id '{id}' is used more than once (line {first.Line} {first.LocalName} and line {element.Line} {element.LocalName}); ids must be unique in a file.");
                    }
                }
                else
                {
                    seen[id] = element;
                }
            }

            for (var i = element.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(element.Children[i]);
            }
        }
    }

    /// <summary>
    /// One walk over the document for what needs Java (Camunda 7 delegates, listeners, connectors), JUEL
    /// expressions, and Camunda 7 / Camunda 8 extension elements that are not supported.
    /// </summary>
    private void CheckCamundaAndJuel(XmlElementNode element)
    {
        var elementId = IdOf(element);
        foreach (var (ns, local, value) in element.Attributes)
        {
            if (ns == Camunda && JavaAttributes.Contains(local))
            {
                Error(elementId, "java-required",
                    $"{Describe(OwnerOf(element))} uses camunda:{local}, which needs Java code; Orchestrator runs no Java. Use orc:type to name a handler (service tasks) or FEEL.");
            }
            else if (ns == Camunda && local == "resource")
            {
                Error(elementId, "unsupported-attribute",
                    $"{Describe(OwnerOf(element))} loads its script from camunda:resource='{value}'; external script resources are not supported. Write the FEEL inline.");
            }
            else if (ns == Camunda && local == "type" && element.NamespaceUri == Bpmn)
            {
                var topic = element.Attr(Camunda, "topic");
                Error(elementId, "unsupported-attribute",
                    $"{Describe(element)} uses camunda:type='{value}' (Camunda 7 external task); use orc:type{(topic is null ? string.Empty : $"=\"{topic}\"")} to name the handler instead.");
            }
            else if (ns == Camunda && local == "caseRef")
            {
                Error(elementId, "unsupported-attribute", $"{Describe(element)} calls a CMMN case (camunda:caseRef); only processes can be called.");
            }

            if (ns == Orc && element.NamespaceUri == Bpmn && !OrcDialect.Attributes.Contains(local))
            {
                Warning(elementId, ParseCodes.UnknownAttribute,
                    $"{Describe(OwnerOf(element))} has orc:{local}, which Orchestrator does not know; it is ignored (a misspelling? the orc attributes are listed in the designer's orc-moddle.json).");
            }

            var extensionElement = element.NamespaceUri is Camunda or Orc;
            if ((ns is Camunda or Orc || (ns.Length == 0 && (extensionElement || local == "calledElement"))) && IsJuel(value))
            {
                ReportJuel(elementId, $"{(ns == Orc ? "orc:" : ns == Camunda ? "camunda:" : extensionElement ? element.LocalName + " " : string.Empty)}{local}", value);
            }
        }

        if (((element.NamespaceUri == Bpmn && element.LocalName is "conditionExpression" or "timeDate" or "timeDuration" or "timeCycle"
                or "loopCardinality" or "completionCondition" or "script")
            || (element.NamespaceUri == Camunda && element.LocalName is "inputParameter" or "outputParameter" or "value" or "entry" or "script"))
            && IsJuel(element.Text))
        {
            ReportJuel(elementId, element.LocalName, element.Text.Trim());
        }

        if (element.NamespaceUri == Orc && !OrcDialect.ExtensionElements.ContainsKey(element.LocalName))
        {
            Warning(elementId, ParseCodes.UnknownAttribute,
                $"{Describe(OwnerOf(element))} has the extension element orc:{element.LocalName}, which Orchestrator does not know; it is ignored.");
        }

        if (element.NamespaceUri == Camunda)
        {
            CheckCamundaElement(element, elementId);
        }
        else if (element.NamespaceUri == Zeebe)
        {
            CheckZeebeElement(element, elementId);
        }

        foreach (var child in element.Children)
        {
            CheckCamundaAndJuel(child);
        }
    }

    private static XmlElementNode OwnerOf(XmlElementNode element)
    {
        for (var e = element; e is not null; e = e.ParentNode)
        {
            if (e.NamespaceUri == Bpmn && e.Attr("id") is not null)
            {
                return e;
            }
        }

        return element;
    }

    private void CheckCamundaElement(XmlElementNode element, string? elementId)
    {
        switch (element.LocalName)
        {
            case "executionListener":
            case "taskListener":
                Error(elementId, "unsupported-extension",
                    $"{Describe(OwnerOf(element))} has a camunda:{element.LocalName}; listeners are not supported (they run Java or scripts). Model the work as a service or script task.");
                break;
            case "connector":
                Error(elementId, "unsupported-extension",
                    $"{Describe(OwnerOf(element))} uses a Camunda Connect connector (camunda:connector); use orc:type to name a handler instead.");
                break;
            case "script":
                {
                    if (element.Attr("resource") is { } resource)
                    {
                        Error(elementId, "unsupported-attribute",
                            $"{Describe(OwnerOf(element))} loads a camunda:script from resource '{resource}'; external script resources are not supported. Write the FEEL inline.");
                    }

                    var format = element.Attr("scriptFormat");
                    if (!IsFeelLanguage(format))
                    {
                        Error(elementId, "unsupported-script-format",
                            $"{Describe(OwnerOf(element))} has a camunda:script in '{format}'; only FEEL is supported.");
                    }

                    break;
                }

            case "failedJobRetryTimeCycle":
                Warning(elementId, "unsupported-extension",
                    $"{Describe(OwnerOf(element))}: camunda:failedJobRetryTimeCycle is not supported and is ignored; use orc:retries (failed attempts are retried with back-off).");
                break;
            case "formData":
                Warning(elementId, "unsupported-extension",
                    $"{Describe(OwnerOf(element))}: Camunda generated forms (camunda:formData) are ignored; use a form-js form through formKey.");
                break;
            default:
                break;
        }
    }

    private static readonly HashSet<string> ZeebeRead =
    [
        "taskDefinition", "assignmentDefinition", "taskSchedule", "formDefinition", "calledElement", "script", "subscription",
        "loopCharacteristics", "ioMapping", "input", "output", "priorityDefinition", "properties", "property", "userTask",
    ];

    private void CheckZeebeElement(XmlElementNode element, string? elementId)
    {
        if (element.LocalName is "executionListeners" or "taskListeners")
        {
            Error(elementId, "unsupported-extension",
                $"{Describe(OwnerOf(element))} has zeebe:{element.LocalName}; listeners are not supported. Model the work as a service or script task.");
        }
        else if (!ZeebeRead.Contains(element.LocalName) && element.ParentNode?.Is(Bpmn, "extensionElements") == true)
        {
            Warning(elementId, "unsupported-extension",
                $"{Describe(OwnerOf(element))}: the Camunda 8 extension zeebe:{element.LocalName} is not supported and is ignored.");
        }
    }

    private static bool IsJuel(string? value) =>
        value is not null && (value.Contains("${", StringComparison.Ordinal) || value.Contains("#{", StringComparison.Ordinal));

    private void ReportJuel(string? elementId, string where, string value)
    {
        if (reportedJuel.Add($"{elementId}|{where}|{value}"))
        {
            Error(elementId, "juel-expression",
                $"{where} '{value}' is a JUEL expression (Camunda 7, needs Java); write it in FEEL with a leading '=' instead (for example '=approved' for '${{approved}}').");
        }
    }

    private static bool IsFeelLanguage(string? language) =>
        string.IsNullOrWhiteSpace(language) || string.Equals(language.Trim(), "feel", StringComparison.OrdinalIgnoreCase)
        || string.Equals(language.Trim(), "https://www.omg.org/spec/DMN/20191111/FEEL/", StringComparison.OrdinalIgnoreCase);

    // ---------------------------------------------------------------- root elements

    private void ReadMessage(XmlElementNode element)
    {
        var id = element.Attr("id");
        if (id is null)
        {
            Error(null, "missing-id", $"A bpmn:message (line {element.Line}) has no id.");
            return;
        }

        var key = element.Attr(Orc, OrcDialect.Known(OrcDialect.CorrelationKey))
            ?? Extension(element, "subscription")?.Attr("correlationKey");
        messages.TryAdd(id, new MessageDeclaration(id, element.Attr("name") ?? string.Empty, key is null ? null : ValueExpression.Parse(key)));
    }

    private void ReadError(XmlElementNode element)
    {
        var id = element.Attr("id");
        if (id is null)
        {
            Error(null, "missing-id", $"A bpmn:error (line {element.Line}) has no id.");
            return;
        }

        errors.TryAdd(id, new ErrorDeclaration(id, element.Attr("name"), NullIfEmpty(element.Attr("errorCode"))));
    }

    private void ReadEscalation(XmlElementNode element)
    {
        var id = element.Attr("id");
        if (id is null)
        {
            Error(null, "missing-id", $"A bpmn:escalation (line {element.Line}) has no id.");
            return;
        }

        escalations.TryAdd(id, new EscalationDeclaration(id, element.Attr("name"), NullIfEmpty(element.Attr("escalationCode"))));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A Camunda 8 extension element (<c>zeebe:*</c>) inside the element's <c>bpmn:extensionElements</c>.</summary>
    private static XmlElementNode? Extension(XmlElementNode element, string zeebeName) =>
        element.Child(Bpmn, "extensionElements")?.Child(Zeebe, zeebeName);

    private static List<XmlElementNode> ExtensionElements(XmlElementNode element) =>
        element.Child(Bpmn, "extensionElements")?.Children ?? [];

    // ---------------------------------------------------------------- processes and scopes

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

                    Warning(IdOf(child), "unknown-element", $"{Describe(child)} is not a BPMN element Orchestrator knows; it is ignored.");
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
            var attachedTo = xml.Attr("attachedToRef");
            if (string.IsNullOrEmpty(attachedTo))
            {
                Error(boundary.Id, "boundary-not-attached", $"Boundary event '{boundary.Id}' has no attachedToRef.");
                continue;
            }

            if (!local.TryGetValue(attachedTo, out var target))
            {
                Error(boundary.Id, "boundary-not-attached",
                    all.ContainsKey(attachedTo) || IdExistsInFile(attachedTo)
                        ? $"Boundary event '{boundary.Id}' is attached to '{attachedTo}', which is not in the same process or sub-process."
                        : $"Boundary event '{boundary.Id}' is attached to '{attachedTo}', which does not exist.");
                continue;
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
            var defaultId = xml.Attr("default");
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

    private bool IdExistsInFile(string id) =>
        messages.ContainsKey(id) || errors.ContainsKey(id) || definitions.Processes.Any(p => p.AllElements.ContainsKey(id));

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

        var sourceRef = xml.Attr("sourceRef");
        var targetRef = xml.Attr("targetRef");
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

        string? condition = null;
        var conditionXml = xml.Child(Bpmn, "conditionExpression");
        if (conditionXml is not null)
        {
            var language = conditionXml.Attr("language");
            if (!IsFeelLanguage(language))
            {
                Error(id, "unsupported-script-format", $"Sequence flow '{id}' has a condition in '{language}'; conditions are FEEL.");
            }

            var text = conditionXml.Text.Trim();
            if (text.StartsWith('='))
            {
                text = text[1..].Trim();
            }

            if (text.Length == 0)
            {
                if (conditionXml.Attr(Camunda, "resource") is null)
                {
                    Warning(id, "empty-condition", $"Sequence flow '{id}' has an empty condition; it is treated as unconditional.");
                }
            }
            else
            {
                condition = text;
            }
        }

        return new SequenceFlow { Id = id, Name = xml.Attr("name"), Source = source!, Target = target!, Condition = condition };
    }

    // ---------------------------------------------------------------- flow nodes

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

    private UnsupportedFlowNode Placeholder(XmlElementNode xml, string message)
    {
        Unsupported(xml, message);
        return new UnsupportedFlowNode { Id = xml.Attr("id")!, Name = xml.Attr("name"), ElementName = xml.LocalName };
    }

    private FlowNode ReadEvent(XmlElementNode xml, string id, string? name, IReadOnlyList<VariableMapping> inputs, IReadOnlyList<VariableMapping> outputs)
    {
        var definitionsXml = xml.Children.Where(c => c.NamespaceUri == Bpmn && c.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        if (xml.Children.Any(c => c.Is(Bpmn, "eventDefinitionRef")))
        {
            return Placeholder(xml, $"Event '{id}' refers to a shared event definition (eventDefinitionRef); write the definition inside the event.");
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
                        var message = ResolveMessage(d.Attr("messageRef"), id);
                        var key = xml.Attr(Orc, OrcDialect.Known(OrcDialect.CorrelationKey)) ?? d.Attr(Orc, OrcDialect.CorrelationKey);
                        definition = new MessageEventDefinition(message, key is null ? message?.CorrelationKey : ValueExpression.Parse(key));
                        break;
                    }

                case "errorEventDefinition":
                    definition = new ErrorEventDefinition(Resolve(errors, d.Attr("errorRef"), id, "error"));
                    break;
                case "escalationEventDefinition":
                    definition = new EscalationEventDefinition(Resolve(escalations, d.Attr("escalationRef"), id, "escalation"));
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

    private MessageDeclaration? ResolveMessage(string? reference, string elementId) => Resolve(messages, reference, elementId, "message");

    private T? Resolve<T>(Dictionary<string, T> table, string? reference, string elementId, string what)
        where T : class
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        if (table.TryGetValue(reference, out var found))
        {
            return found;
        }

        Error(elementId, "unresolved-reference", $"'{elementId}' refers to {what} '{reference}', which is not defined in this file (add a bpmn:{what} with that id).");
        return null;
    }

    // ---------------------------------------------------------------- activities

    private Activity ReadActivity(XmlElementNode xml, string id, string? name, IReadOnlyList<VariableMapping> inputs, IReadOnlyList<VariableMapping> outputs,
        ProcessDefinition process, Dictionary<string, FlowElement> all)
    {
        var ext = ReadExtensions(xml);
        if (xml.Child(Bpmn, "standardLoopCharacteristics") is not null)
        {
            Error(id, "unsupported-element",
                $"{xml.LocalName} '{id}' has a standard loop (standardLoopCharacteristics); loops are not supported. Use a gateway that flows back, or multi-instance.");
        }

        var multiInstance = ReadMultiInstance(xml, ext);
        string? Get(string key) => ext.TryGetValue(OrcDialect.Known(key), out var v) ? v : null;
        ValueExpression? Value(string key) => Get(key) is { } v ? ValueExpression.Parse(v) : null;

        switch (xml.LocalName)
        {
            case "task":
            case "manualTask":
                return new PassThroughTask { Id = id, Name = name, ElementName = xml.LocalName, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance };
            case "userTask":
                return new UserTask
                {
                    Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance,
                    Assignee = Value("assignee"), CandidateUsers = Value("candidateUsers"), CandidateGroups = Value("candidateGroups"),
                    DueDate = Value("dueDate"), FollowUpDate = Value("followUpDate"), Priority = Value("priority"), FormKey = Value("formKey"),
                    ExternalRecipient = Value("externalRecipient"), Language = Value("language"), Notify = Get("notify")?.Trim(),
                    Reminder = Value("reminder"), EscalateAfter = Value("escalateAfter"), EscalateTo = Value("escalateTo"),
                };
            case "businessRuleTask":
                if (Get("type") is null)
                {
                    var decision = xml.Attr(Camunda, "decisionRef");
                    return Placeholder(xml,
                        $"Business rule task '{id}' has no orc:type{(decision is null ? string.Empty : $" (it calls DMN decision '{decision}')")}; DMN decisions are not supported yet. Give it orc:type to run a handler.");
                }

                return new ServiceTask { Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance, Type = Get("type"), Retries = Retries(id, Get("retries")) };
            case "serviceTask":
                return new ServiceTask { Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance, Type = Get("type"), Retries = Retries(id, Get("retries")) };
            case "sendTask":
                return new SendTask
                {
                    Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance,
                    Template = Value("template"), To = Value("to"), Language = Value("language"), Type = Get("type"), Retries = Retries(id, Get("retries")),
                };
            case "receiveTask":
                {
                    var message = ResolveMessage(xml.Attr("messageRef"), id);
                    return new ReceiveTask
                    {
                        Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance,
                        Message = message, CorrelationKey = Value("correlationKey") ?? message?.CorrelationKey,
                        Reminder = Value("reminder"), EscalateAfter = Value("escalateAfter"), EscalateTo = Value("escalateTo"),
                    };
                }

            case "scriptTask":
                return ReadScriptTask(xml, id, name, inputs, outputs, ext, multiInstance);
            case "callActivity":
                return ReadCallActivity(xml, id, name, inputs, outputs, ext, multiInstance);
            default: // subProcess
                {
                    var triggered = string.Equals(xml.Attr("triggeredByEvent")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
                    var sub = new SubProcess { Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance, TriggeredByEvent = triggered };
                    sub.Process = process;
                    sub.Body = ReadScope(xml, process, sub, all);
                    return sub;
                }
        }
    }

    private int Retries(string id, string? text)
    {
        if (text is null)
        {
            return 3;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var retries))
        {
            return retries;
        }

        Error(id, "invalid-attribute", $"'{id}' has retries '{text}'; it must be a whole number (0 or more).");
        return 3;
    }

    private ScriptTask ReadScriptTask(XmlElementNode xml, string id, string? name, IReadOnlyList<VariableMapping> inputs, IReadOnlyList<VariableMapping> outputs,
        Dictionary<string, string> ext, MultiInstance? multiInstance)
    {
        var format = xml.Attr("scriptFormat");
        if (!IsFeelLanguage(format))
        {
            Error(id, "unsupported-script-format", $"Script task '{id}' is written in '{format}'; only FEEL scripts are supported (scriptFormat=\"feel\").");
        }

        var script = xml.Child(Bpmn, "script")?.Text ?? (ext.TryGetValue(OrcDialect.Known(OrcDialect.Script), out var s) ? s : string.Empty);
        script = script.Trim();
        if (script.StartsWith('='))
        {
            script = script[1..].Trim();
        }

        return new ScriptTask
        {
            Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance,
            Script = script, ResultVariable = ext.TryGetValue(OrcDialect.Known(OrcDialect.ResultVariable), out var r) && r.Length > 0 ? r : null,
        };
    }

    private CallActivity ReadCallActivity(XmlElementNode xml, string id, string? name, IReadOnlyList<VariableMapping> inputs, IReadOnlyList<VariableMapping> outputs,
        Dictionary<string, string> ext, MultiInstance? multiInstance)
    {
        var called = xml.Attr("calledElement") ?? (ext.TryGetValue(OrcDialect.Known(OrcDialect.CalledElement), out var c) ? c : string.Empty);
        var binding = CalledVersionBinding.Latest;
        int? version = null;
        var bindingText = ext.TryGetValue(OrcDialect.Known(OrcDialect.CalledElementBinding), out var b) ? b.Trim() : null;
        switch (bindingText)
        {
            case null or "" or "latest":
                break;
            case "deployment":
                Warning(id, "unsupported-attribute", $"Call activity '{id}' uses calledElementBinding 'deployment'; Orchestrator calls the latest version instead.");
                break;
            case "version":
                {
                    var versionText = ext.TryGetValue(OrcDialect.Known(OrcDialect.CalledElementVersion), out var v) ? v.Trim() : null;
                    if (versionText is not null && int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                    {
                        binding = CalledVersionBinding.Version;
                        version = n;
                    }
                    else
                    {
                        Error(id, "invalid-attribute", $"Call activity '{id}' binds a version but calledElementVersion is '{versionText}'; it must be a version number (1 or more).");
                    }

                    break;
                }

            default:
                Error(id, "unsupported-attribute", $"Call activity '{id}' uses calledElementBinding '{bindingText}'; only 'latest' and 'version' are supported.");
                break;
        }

        var ins = new List<VariableMapping>();
        var outs = new List<VariableMapping>();
        bool allIn = false, allOut = false;
        foreach (var e in ExtensionElements(xml))
        {
            if (e.NamespaceUri is not (Camunda or Orc) || e.LocalName is not (OrcDialect.InElement or OrcDialect.OutElement))
            {
                continue;
            }

            var isIn = e.LocalName == "in";
            if (string.Equals(e.Attr("variables"), "all", StringComparison.Ordinal))
            {
                if (isIn)
                {
                    allIn = true;
                }
                else
                {
                    allOut = true;
                }

                continue;
            }

            if (e.Attr("businessKey") is not null)
            {
                continue; // the business key always goes to the child; JUEL there is reported above
            }

            var target = e.Attr("target");
            var source = e.Attr("source") ?? e.Attr("sourceExpression");
            if (string.IsNullOrWhiteSpace(target) || string.IsNullOrWhiteSpace(source))
            {
                Error(id, "invalid-mapping", $"Call activity '{id}' has a {(e.NamespaceUri == Orc ? "orc" : "camunda")}:{e.LocalName} without source and target.");
                continue;
            }

            var mapping = new VariableMapping(target.Trim(), source.TrimStart().StartsWith('=') ? source.TrimStart()[1..].Trim() : source.Trim());
            (isIn ? ins : outs).Add(mapping);
        }

        // Camunda 8: zeebe:calledElement propagates all variables both ways unless told otherwise, and its
        // ioMapping inputs/outputs are what goes into and comes out of the child.
        if (Extension(xml, "calledElement") is { } zeebe)
        {
            allIn = !string.Equals(zeebe.Attr("propagateAllParentVariables"), "false", StringComparison.OrdinalIgnoreCase);
            allOut = !string.Equals(zeebe.Attr("propagateAllChildVariables"), "false", StringComparison.OrdinalIgnoreCase);
            if (Extension(xml, "ioMapping") is not null)
            {
                ins.AddRange(inputs);
                outs.AddRange(outputs);
                inputs = [];
                outputs = [];
            }
        }

        return new CallActivity
        {
            Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance,
            CalledElement = ValueExpression.Parse(called.Trim()), Binding = binding, CalledVersion = version,
            InMappings = ins, OutMappings = outs, PassAllVariablesIn = allIn, PassAllVariablesOut = allOut,
        };
    }

    private static MultiInstance? ReadMultiInstance(XmlElementNode xml, Dictionary<string, string> activityExt)
    {
        var mi = xml.Child(Bpmn, "multiInstanceLoopCharacteristics");
        if (mi is null)
        {
            return null;
        }

        string? Attr(string name)
        {
            var v = mi.Attr(Orc, OrcDialect.Known(name)) ?? mi.Attr(Camunda, name);
            if (v is null && Extension(mi, "loopCharacteristics") is { } zeebe)
            {
                v = name switch
                {
                    "collection" => zeebe.Attr("inputCollection"),
                    "elementVariable" => zeebe.Attr("inputElement"),
                    "outputCollection" => zeebe.Attr("outputCollection"),
                    "outputElement" => zeebe.Attr("outputElement"),
                    _ => null,
                };
            }

            return v ?? (activityExt.TryGetValue(name, out var a) ? a : null);
        }

        return new MultiInstance
        {
            IsSequential = string.Equals(mi.Attr("isSequential")?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            LoopCardinality = FeelText(mi.Child(Bpmn, "loopCardinality")?.Text),
            CompletionCondition = FeelText(mi.Child(Bpmn, "completionCondition")?.Text),
            Collection = FeelText(Attr("collection")),
            ElementVariable = NullIfEmpty(Attr("elementVariable")?.Trim()),
            OutputCollection = NullIfEmpty(Attr("outputCollection")?.Trim()),
            OutputElement = FeelText(Attr("outputElement")),
        };
    }

    /// <summary>Text that is always FEEL: trimmed, a leading <c>=</c> removed; <c>null</c> when empty.</summary>
    private static string? FeelText(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var t = text.Trim();
        if (t.StartsWith('='))
        {
            t = t[1..].Trim();
        }

        return t.Length == 0 ? null : t;
    }

    /// <summary>
    /// The activity's extension attributes by local name: every <c>orc:*</c> and <c>camunda:*</c> attribute
    /// (<c>orc</c> wins), and the Camunda 8 extension elements the engine understands, under their <c>orc</c> names.
    /// </summary>
    private static Dictionary<string, string> ReadExtensions(XmlElementNode xml)
    {
        var ext = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (ns, local, value) in xml.Attributes)
        {
            if (ns == Orc)
            {
                ext[local] = value;
            }
        }

        foreach (var (ns, local, value) in xml.Attributes)
        {
            if (ns == Camunda && local != "type")
            {
                ext.TryAdd(local, value);
            }
        }

        // Camunda 7.19+ "Camunda Forms (linked)" are form-js forms, like ours: the form id is the form key.
        if (!ext.ContainsKey(OrcDialect.FormKey) && xml.Attr(Camunda, "formRef") is { } formRef)
        {
            ext["formKey"] = formRef;
        }

        foreach (var e in ExtensionElements(xml).Where(e => e.NamespaceUri == Zeebe))
        {
            void Map(string attribute, string key)
            {
                if (e.Attr(attribute) is { } v)
                {
                    ext.TryAdd(key, v);
                }
            }

            switch (e.LocalName)
            {
                case "taskDefinition":
                    Map("type", "type");
                    Map("retries", "retries");
                    break;
                case "assignmentDefinition":
                    Map("assignee", "assignee");
                    Map("candidateGroups", "candidateGroups");
                    Map("candidateUsers", "candidateUsers");
                    break;
                case "taskSchedule":
                    Map("dueDate", "dueDate");
                    Map("followUpDate", "followUpDate");
                    break;
                case "priorityDefinition":
                    Map("priority", "priority");
                    break;
                case "formDefinition":
                    Map("formKey", "formKey");
                    Map("formId", "formKey");
                    break;
                case "calledElement":
                    Map("processId", "calledElement");
                    break;
                case "script":
                    Map("expression", "script");
                    Map("resultVariable", "resultVariable");
                    break;
                case "subscription":
                    Map("correlationKey", "correlationKey");
                    break;
                default:
                    break;
            }
        }

        return ext;
    }

    // ---------------------------------------------------------------- input/output mappings

    private (IReadOnlyList<VariableMapping> Inputs, IReadOnlyList<VariableMapping> Outputs) ReadIoMappings(XmlElementNode xml)
    {
        List<VariableMapping>? inputs = null, outputs = null;
        var id = xml.Attr("id");
        foreach (var e in ExtensionElements(xml))
        {
            if (e.Is(Camunda, "inputOutput"))
            {
                foreach (var p in e.Children.Where(c => c.NamespaceUri == Camunda))
                {
                    var isInput = p.LocalName == "inputParameter";
                    if (!isInput && p.LocalName != "outputParameter")
                    {
                        continue;
                    }

                    var target = p.Attr("name");
                    if (string.IsNullOrWhiteSpace(target))
                    {
                        Error(id, "invalid-mapping", $"'{id}' has a camunda:{p.LocalName} without a name.");
                        continue;
                    }

                    (isInput ? inputs ??= [] : outputs ??= []).Add(new VariableMapping(target.Trim(), CamundaParameterValue(p)));
                }
            }
            else if ((e.NamespaceUri == Orc && e.LocalName is OrcDialect.InputElement or OrcDialect.OutputElementName) || e.Is(Zeebe, "ioMapping"))
            {
                var items = e.NamespaceUri == Zeebe ? e.Children.Where(c => c.NamespaceUri == Zeebe && c.LocalName is "input" or "output") : [e];
                foreach (var m in items)
                {
                    var target = m.Attr("target");
                    var source = m.Attr("source");
                    var prefix = m.NamespaceUri == Orc ? "orc" : "zeebe";
                    if (string.IsNullOrWhiteSpace(target) || source is null)
                    {
                        Error(id, "invalid-mapping", $"'{id}' has a {prefix}:{m.LocalName} without target or source.");
                        continue;
                    }

                    (m.LocalName == "input" ? inputs ??= [] : outputs ??= []).Add(new VariableMapping(target.Trim(), SourceToFeel(source)));
                }
            }
        }

        return (inputs ?? (IReadOnlyList<VariableMapping>)[], outputs ?? (IReadOnlyList<VariableMapping>)[]);
    }

    /// <summary>A mapping source: FEEL when it starts with <c>=</c>, else a literal string (turned into a FEEL string literal).</summary>
    internal static string SourceToFeel(string raw)
    {
        var trimmed = raw.TrimStart();
        return trimmed.StartsWith('=') ? trimmed[1..].Trim() : FeelString(raw);
    }

    /// <summary>The FEEL for a <c>camunda:inputParameter</c>/<c>outputParameter</c>: text, <c>camunda:list</c>, <c>camunda:map</c> or a FEEL <c>camunda:script</c>.</summary>
    private static string CamundaParameterValue(XmlElementNode p)
    {
        var nested = p.Children.FirstOrDefault(c => c.NamespaceUri == Camunda);
        if (nested is null)
        {
            var text = p.Text;
            return text.Length == 0 ? "null" : SourceToFeel(text);
        }

        return CamundaValue(nested);
    }

    private static string CamundaValue(XmlElementNode e)
    {
        switch (e.LocalName)
        {
            case "list":
                return "[" + string.Join(", ", e.Children.Where(c => c.NamespaceUri == Camunda).Select(CamundaValue)) + "]";
            case "map":
                return "{" + string.Join(", ", e.Children.Where(c => c.Is(Camunda, "entry"))
                    .Select(entry => FeelString(entry.Attr("key") ?? string.Empty) + ": " + CamundaParameterValue(entry))) + "}";
            case "script":
                return FeelText(e.Text) ?? "null";
            default: // value, entry
                {
                    var nested = e.Children.FirstOrDefault(c => c.NamespaceUri == Camunda);
                    return nested is not null ? CamundaValue(nested) : SourceToFeel(e.Text);
                }
        }
    }

    /// <summary>A FEEL string literal with the text's quotes, backslashes and control characters escaped.</summary>
    internal static string FeelString(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ => sb.Append(ch),
            };
        }

        return sb.Append('"').ToString();
    }
}
