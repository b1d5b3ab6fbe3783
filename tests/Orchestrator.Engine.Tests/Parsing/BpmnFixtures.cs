using System.Runtime.CompilerServices;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;

namespace Orchestrator.Engine.Tests.Parsing;

/// <summary>Finds the .bpmn fixtures of the parsing and validation tests, and parses them.</summary>
internal static class BpmnFixtures
{
    public const string Namespaces =
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" " +
        "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" " +
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:orc=\"urn:orchestrator:bpmn:1.0\" " +
        "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"";

    /// <summary>The absolute path of <c>Fixtures/{folder}/{name}</c>, next to the test binaries or in the source tree.</summary>
    public static string PathOf(string folder, string name, [CallerFilePath] string callerFile = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);
        if (File.Exists(copied))
        {
            return copied;
        }

        // The source tree: this file is tests/Orchestrator.Engine.Tests/Parsing/BpmnFixtures.cs.
        var dir = Path.GetDirectoryName(callerFile);
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "Fixtures")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? ".", "Fixtures", folder, name);
    }

    public static string Read(string folder, string name) => File.ReadAllText(PathOf(folder, name));

    public static BpmnParseResult Parse(string folder, string name) => BpmnParser.Parse(Read(folder, name), name);

    public static Definitions Load(string folder, string name)
    {
        var result = Parse(folder, name);
        Assert.NotNull(result.Definitions);
        return result.Definitions!;
    }

    /// <summary>A definitions document around the given process body (no diagram).</summary>
    public static string Process(string body, string rootElements = "", string processId = "P") =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions {Namespaces} id="Defs" targetNamespace="urn:test">
          <bpmn:process id="{processId}" isExecutable="true">
        {body}
          </bpmn:process>
        {rootElements}
        </bpmn:definitions>
        """;

    /// <summary>start → [middle] → end, the usual frame for testing one element.</summary>
    public static string Around(string element, string elementId, string rootElements = "") =>
        Process($"""
            <bpmn:startEvent id="Start" />
            {element}
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F_in" sourceRef="Start" targetRef="{elementId}" />
            <bpmn:sequenceFlow id="F_out" sourceRef="{elementId}" targetRef="End" />
        """, rootElements);
}
