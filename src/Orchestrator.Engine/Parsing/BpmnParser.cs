using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML (as bpmn-js, Camunda Modeler 5 and hand-written files have it) into the
/// <see cref="Definitions"/> model. The XML reader refuses DTDs and external entities and enforces a
/// 5 MiB size limit and an element depth limit of 200. Never throws for bad input: everything wrong
/// is a <see cref="BpmnProblem"/> in the result.
/// </summary>
public static class BpmnParser
{
    /// <summary>The BPMN 2.0 model namespace.</summary>
    public const string BpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The BPMN 2.0 diagram interchange namespace (layout).</summary>
    public const string BpmnDiNamespace = "http://www.omg.org/spec/BPMN/20100524/DI";

    /// <summary>Orchestrator's extension namespace (prefix <c>orc</c>).</summary>
    public const string OrchestratorNamespace = "urn:orchestrator:bpmn:1.0";

    /// <summary>Camunda 7's extension namespace, whose supported attributes are read as aliases of the <c>orc</c> ones.</summary>
    public const string Camunda7Namespace = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Camunda 8 (Zeebe) extension namespace; its obvious elements are read, the rest is reported.</summary>
    public const string ZeebeNamespace = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>Parses BPMN XML text.</summary>
    /// <param name="xml">The file content.</param>
    /// <param name="sourceName">The file name used in problems.</param>
    /// <returns>The model and the problems found.</returns>
    public static BpmnParseResult Parse(string xml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(sourceName);
        var problems = new List<BpmnProblem>();
        var root = SecureXmlReader.Read(xml, sourceName, problems);
        return Build(root, sourceName, problems);
    }

    /// <summary>Parses BPMN XML from a stream (the encoding is detected from the BOM or the XML declaration). The stream is not closed.</summary>
    /// <param name="stream">The file content.</param>
    /// <param name="sourceName">The file name used in problems.</param>
    /// <returns>The model and the problems found.</returns>
    public static BpmnParseResult Parse(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var problems = new List<BpmnProblem>();
        var root = SecureXmlReader.Read(stream, sourceName, problems);
        return Build(root, sourceName, problems);
    }

    private static BpmnParseResult Build(XmlElementNode? root, string sourceName, List<BpmnProblem> problems)
    {
        if (root is null)
        {
            return new BpmnParseResult(null, problems);
        }

        if (root.LocalName != "definitions" || root.NamespaceUri != BpmnNamespace)
        {
            var found = root.NamespaceUri.Length == 0 ? $"<{root.LocalName}>" : $"<{root.LocalName}> in namespace '{root.NamespaceUri}'";
            var hint = root.LocalName == "definitions"
                ? $" The BPMN 2.0 namespace is '{BpmnNamespace}'."
                : string.Empty;
            problems.Add(new BpmnProblem(sourceName, BpmnProblem.FileLevel, "not-bpmn",
                $"Not a BPMN 2.0 file: the root element is {found} (line {root.Line}, position {root.Column}), expected <bpmn:definitions>.{hint}"));
            return new BpmnParseResult(null, problems);
        }

        var definitions = new BpmnModelBuilder(sourceName, problems).Build(root);
        return new BpmnParseResult(definitions, problems);
    }
}
