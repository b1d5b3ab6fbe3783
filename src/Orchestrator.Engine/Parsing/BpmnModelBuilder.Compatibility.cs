using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

internal sealed partial class BpmnModelBuilder
{
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
}
