namespace Orchestrator.Engine.Parsing;

/// <summary>
/// The whole-document checks: duplicate ids, and what other modelers write that Orchestrator does not run (Java
/// delegates, JUEL, Camunda 7 listeners and connectors, scripts in other languages, unread Camunda 8 elements).
/// Each problem is reported once, at the element a designer can click, and recorded on the model so that the
/// validator does not report its consequences again.
/// </summary>
internal sealed partial class BpmnModelBuilder
{
    /// <summary>Camunda 7 elements whose content runs Java or scripts; what is inside them is not checked again.</summary>
    private static readonly HashSet<string> RefusedCamundaElements = ["executionListener", "taskListener", "connector"];

    private static readonly HashSet<string> ZeebeRead =
    [
        "taskDefinition", "assignmentDefinition", "taskSchedule", "formDefinition", "calledElement", "script", "subscription",
        "loopCharacteristics", "ioMapping", "input", "output", "priorityDefinition", "properties", "property", "userTask",
    ];

    /// <summary>
    /// Finds ids used twice and records every id of the file (for messages that tell "in another process" from
    /// "does not exist"). What is inside <c>extensionElements</c> belongs to the tool that wrote it (Visual
    /// Paradigm writes its own <c>Model</c> elements there, in the BPMN namespace, reusing BPMN ids) and is skipped.
    /// </summary>
    private void CheckDuplicateIds(XmlElementNode root)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<XmlElementNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            var id = element.Attr("id");
            if (id is not null && element.NamespaceUri is Bpmn or BpmnParser.BpmnDiNamespace)
            {
                if (idsInFile.TryGetValue(id, out var first))
                {
                    if (reported.Add(id))
                    {
                        Error(id, "duplicate-id",
                            $"The id '{id}' is used more than once (line {first.Line} {first.LocalName} and line {element.Line} {element.LocalName}); ids must be unique in a file.");
                    }
                }
                else
                {
                    idsInFile[id] = element;
                }
            }

            if (element.LocalName == "extensionElements" && element.NamespaceUri == Bpmn)
            {
                continue;
            }

            for (var i = element.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(element.Children[i]);
            }
        }
    }

    /// <summary>
    /// One walk over the document for what needs Java (Camunda 7 delegates, listeners, connectors), JUEL
    /// expressions, and Camunda 7 / Camunda 8 extension elements that are not supported. Conditions and script
    /// task scripts are checked where they are read, together with their language.
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
                ReportedImplementation(elementId);
            }
            else if (ns == Camunda && local == "resource" && !(element.Is(Bpmn, "scriptTask") && !IsFeelLanguage(element.Attr("scriptFormat"))))
            {
                // (a script task in another language is refused for its language, wherever the script comes from)
                Error(elementId, "unsupported-attribute",
                    $"{Describe(OwnerOf(element))} loads its script from camunda:resource='{value}'; external script resources are not supported. Write the FEEL inline.");
                ReportedImplementation(elementId);
            }
            else if (ns == Camunda && local == "type" && element.NamespaceUri == Bpmn)
            {
                var topic = element.Attr(Camunda, "topic");
                Error(elementId, "unsupported-attribute",
                    $"{Describe(element)} uses camunda:type='{value}' (Camunda 7 external task); use orc:type{(topic is null ? string.Empty : $"=\"{topic}\"")} to name the handler instead.");
                ReportedImplementation(elementId);
            }
            else if (ns == Camunda && local == "caseRef")
            {
                Error(elementId, "unsupported-attribute", $"{Describe(element)} calls a CMMN case (camunda:caseRef); only processes can be called.");
                ReportedImplementation(elementId);
            }

            if (ns == Orc && element.NamespaceUri == Bpmn && !OrcDialect.Attributes.Contains(local))
            {
                Warning(elementId, ParseCodes.UnknownAttribute,
                    $"{Describe(OwnerOf(element))} has orc:{local}, which Orchestrator does not know; it is ignored (a misspelling? the orc attributes are listed in the designer's orc-moddle.json).");
            }

            // A Java attribute's JUEL (camunda:delegateExpression="${x}") is the same problem as the Java: said once above.
            var extensionElement = element.NamespaceUri is Camunda or Orc;
            var javaAttribute = ns == Camunda && JavaAttributes.Contains(local);
            var refusedElement = element.NamespaceUri == Camunda && RefusedCamundaElements.Contains(element.LocalName);
            if (!javaAttribute && !refusedElement && (ns is Camunda or Orc || (ns.Length == 0 && (extensionElement || local == "calledElement"))) && IsJuel(value))
            {
                ReportJuel(elementId, $"{(ns == Orc ? "orc:" : ns == Camunda ? "camunda:" : extensionElement ? element.LocalName + " " : string.Empty)}{local}", value);
            }
        }

        if (((element.NamespaceUri == Bpmn && element.LocalName is "timeDate" or "timeDuration" or "timeCycle" or "loopCardinality" or "completionCondition")
                || (element.NamespaceUri == Camunda && element.LocalName is "inputParameter" or "outputParameter" or "value" or "entry")
                || (element.Is(Camunda, "script") && IsFeelLanguage(element.Attr("scriptFormat"))))
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
            if (RefusedCamundaElements.Contains(element.LocalName))
            {
                return; // a listener's or connector's own expressions and scripts are part of the refused element
            }
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

    /// <summary>The element a designer can click that holds this one (a flow node, a flow, a process, a root element), else the element itself.</summary>
    private static XmlElementNode OwnerOf(XmlElementNode element) => ClickableOwner(element) ?? element;

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
                ReportedImplementation(elementId);
                break;
            case "script":
                {
                    if (element.Attr("resource") is { } resource)
                    {
                        Error(elementId, "unsupported-attribute",
                            $"{Describe(OwnerOf(element))} loads a camunda:script from resource '{resource}'; external script resources are not supported. Write the FEEL inline.");
                    }
                    else
                    {
                        var format = element.Attr("scriptFormat");
                        if (!IsFeelLanguage(format))
                        {
                            Error(elementId, "unsupported-script-format",
                                $"{Describe(OwnerOf(element))} has a camunda:script in {LanguageName(format)}; only FEEL is supported.");
                        }
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

    /// <summary>JUEL, Camunda 7's expression language: <c>${…}</c> (evaluated at once) and <c>#{…}</c> (deferred) alike.</summary>
    private static bool IsJuel(string? value) =>
        value is not null && (value.Contains("${", StringComparison.Ordinal) || value.Contains("#{", StringComparison.Ordinal));

    private void ReportJuel(string? elementId, string where, string value)
    {
        RefusedExpression(elementId, value);
        if (reportedJuel.Add($"{elementId}|{where}|{value}"))
        {
            Error(elementId, "juel-expression",
                $"{where} '{value}' is a JUEL expression (Camunda 7, needs Java); write it in FEEL with a leading '=' instead (for example '=approved' for '${{approved}}').");
        }
    }

    /// <summary>Records an expression the parser refused, so that the validator does not report it again as bad FEEL or a bad timer.</summary>
    private void RefusedExpression(string? elementId, string text)
    {
        if (elementId is not null)
        {
            definitions.RefusedExpressions.Add((elementId, text.Trim()));
        }
    }

    /// <summary>Records an element whose implementation the parser reported on, so that the validator does not add that it has none.</summary>
    private void ReportedImplementation(string? elementId)
    {
        if (elementId is not null)
        {
            definitions.ReportedImplementations.Add(elementId);
        }
    }

    /// <summary>
    /// FEEL, by any of its names: <c>feel</c>, or the URI of a DMN version's FEEL
    /// (<c>https://www.omg.org/spec/DMN/20191111/FEEL/</c>, <c>…/20240513/FEEL/</c>, <c>http://www.omg.org/spec/FEEL/20140401</c>).
    /// An empty language means the default, FEEL.
    /// </summary>
    internal static bool IsFeelLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return true;
        }

        var text = language.Trim();
        return string.Equals(text, "feel", StringComparison.OrdinalIgnoreCase)
            || (text.Contains("omg.org/spec/", StringComparison.OrdinalIgnoreCase)
                && text.TrimEnd('/').EndsWith("/FEEL", StringComparison.OrdinalIgnoreCase))
            || (text.Contains("omg.org/spec/FEEL/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A language URI or name as a designer knows it: <c>XPath ('http://www.w3.org/1999/XPath')</c>.</summary>
    private static string LanguageName(string? language)
    {
        var text = language?.Trim() ?? string.Empty;
        var known = text.ToUpperInvariant() switch
        {
            var t when t.Contains("XPATH", StringComparison.Ordinal) => "XPath",
            var t when t.Contains("XHTML", StringComparison.Ordinal) => "XHTML (text for people, not an expression)",
            var t when t.Contains("GROOVY", StringComparison.Ordinal) => "Groovy",
            var t when t.Contains("JAVASCRIPT", StringComparison.Ordinal) || t.Contains("ECMASCRIPT", StringComparison.Ordinal) || t == "JS" => "JavaScript",
            var t when t.Contains("JUEL", StringComparison.Ordinal) => "JUEL",
            var t when t.Contains("PYTHON", StringComparison.Ordinal) => "Python",
            var t when t.Contains("ECMA-334", StringComparison.Ordinal) => "C#",
            _ => null,
        };
        return known is null || string.Equals(known, text, StringComparison.OrdinalIgnoreCase) ? $"'{text}'" : $"{known} ('{text}')";
    }
}
