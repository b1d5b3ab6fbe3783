using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>Builds the <see cref="Definitions"/> model from the XML tree of one file, collecting problems as it goes.</summary>
internal sealed partial class BpmnModelBuilder(string sourceName, List<BpmnProblem> problems)
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

    /// <summary>
    /// BPMN 2.0 elements inside a process that carry no behaviour (artifacts, lanes, data, references that tools
    /// write where the schema does not put them) and are skipped without a word.
    /// </summary>
    private static readonly HashSet<string> IgnoredScopeChildren =
    [
        "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "dataStore", "textAnnotation", "association", "group",
        "extensionElements", "documentation", "property", "ioSpecification", "auditing", "monitoring", "incoming",
        "outgoing", "supports", "correlationSubscription", "resourceRole", "performer", "humanPerformer", "potentialOwner",
        "categoryValueRef", "dataInputAssociation", "dataOutputAssociation", "dataInput", "dataOutput", "inputSet", "outputSet",
        "ioBinding", "lane", "messageFlow", "conversationLink",
    ];

    /// <summary>Elements a designer can click in the diagram (besides flow nodes and root elements): problems are reported at them.</summary>
    private static readonly HashSet<string> ClickableNames =
    [
        "sequenceFlow", "process", "participant", "lane", "collaboration", "dataObject", "dataObjectReference", "dataStoreReference",
        "textAnnotation", "association", "messageFlow", "group",
    ];

    /// <summary>Camunda 7 attributes that name Java code.</summary>
    private static readonly string[] JavaAttributes = ["class", "delegateExpression", "expression", "variableMappingClass", "variableMappingDelegateExpression"];

    private readonly Dictionary<string, MessageDeclaration> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ErrorDeclaration> errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EscalationDeclaration> escalations = new(StringComparer.Ordinal);
    private readonly HashSet<string> reportedJuel = new(StringComparer.Ordinal);

    /// <summary>Every BPMN and BPMNDI id of the file (extension content excluded), with its element.</summary>
    private readonly Dictionary<string, XmlElementNode> idsInFile = new(StringComparer.Ordinal);

    /// <summary>Event definitions declared at the root and shared by events through <c>eventDefinitionRef</c>.</summary>
    private readonly Dictionary<string, XmlElementNode> rootEventDefinitions = new(StringComparer.Ordinal);

    /// <summary>The namespaces of <c>bpmn:import</c>s (other files), with the imported file's location.</summary>
    private readonly Dictionary<string, string> importedNamespaces = new(StringComparer.Ordinal);

    private Definitions definitions = null!;

    /// <summary>The file's <c>targetNamespace</c>: a QName reference in it names an element of this file.</summary>
    private string? targetNamespace;

    /// <summary>The <c>definitions/@expressionLanguage</c>, the language of every condition without its own.</summary>
    private string? expressionLanguage;

    public Definitions Build(XmlElementNode root)
    {
        definitions = new Definitions { SourceName = sourceName, Id = root.Attr("id") };
        targetNamespace = root.Attr("targetNamespace");
        expressionLanguage = NullIfEmpty(root.Attr("expressionLanguage"));
        foreach (var child in root.Children.Where(c => c.NamespaceUri == Bpmn))
        {
            if (child.LocalName == "import" && child.Attr("namespace") is { Length: > 0 } ns && ns != targetNamespace)
            {
                importedNamespaces[ns] = child.Attr("location") ?? ns;
            }
            else if (child.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal) && child.Attr("id") is { Length: > 0 } id)
            {
                rootEventDefinitions[id] = child;
            }
        }

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

    /// <summary>
    /// The id of the element a designer can click that holds this one: a flow node, a sequence flow, a process, a
    /// root element (message, error…), not the <c>conditionExpression</c> or event definition inside it (bpmn-js
    /// gives those ids too, but nobody can select them).
    /// </summary>
    private static string? IdOf(XmlElementNode? element) => element is null ? null : ClickableOwner(element)?.Attr("id");

    private static XmlElementNode? ClickableOwner(XmlElementNode element)
    {
        for (var e = element; e is not null; e = e.ParentNode)
        {
            if (e.NamespaceUri == Bpmn && !string.IsNullOrEmpty(e.Attr("id"))
                && (FlowNodeNames.Contains(e.LocalName) || ClickableNames.Contains(e.LocalName) || e.ParentNode?.Is(Bpmn, "definitions") == true))
            {
                return e;
            }
        }

        return null;
    }

    private static string Describe(XmlElementNode element)
    {
        var id = element.Attr("id");
        return id is null ? $"{element.LocalName} (line {element.Line})" : $"{element.LocalName} '{id}'";
    }

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
}
