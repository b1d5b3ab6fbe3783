using System.Globalization;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

internal sealed partial class BpmnModelBuilder
{
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
                var (assignee, candidateUsers, candidateGroups) = ReadResourceAssignment(xml, id, Value("assignee"), Value("candidateUsers"), Value("candidateGroups"));
                return new UserTask
                {
                    Id = id, Name = name, Inputs = inputs, Outputs = outputs, Extensions = ext, MultiInstance = multiInstance,
                    Assignee = assignee, CandidateUsers = candidateUsers, CandidateGroups = candidateGroups,
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
                    var message = ResolveMessage(xml, id);
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
        var inline = xml.Child(Bpmn, "script")?.Text;
        var script = inline ?? (ext.TryGetValue(OrcDialect.Known(OrcDialect.Script), out var s) ? s : string.Empty);
        script = script.Trim();
        if (script.StartsWith('='))
        {
            script = script[1..].Trim();
        }

        // One problem, said once: the language when it is not FEEL (the script itself is then not checked), else JUEL.
        if (!IsFeelLanguage(format))
        {
            Error(id, "unsupported-script-format", $"Script task '{id}' is written in {LanguageName(format)}; only FEEL scripts are supported (scriptFormat=\"feel\").");
            RefusedExpression(id, script);
            ReportedImplementation(id);
        }
        else if (inline is not null && IsJuel(script))
        {
            ReportJuel(id, "script", script);
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
        if (!called.TrimStart().StartsWith('=') && !IsJuel(called))
        {
            // calledElement is a QName: IBM Process Designer writes "Process:id" for a process of an imported file.
            // Processes are called by id across deployed files, so the id is what counts.
            called = Ref(xml, called).Id ?? called;
        }

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
}
