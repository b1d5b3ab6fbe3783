using System.Globalization;
using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>
/// A generated journey of a given number of flow nodes, drawn (every shape and edge has diagram layout, so bpmn-js
/// renders it): a start, blocks of "user task → decision → (service task | user task) → merge", an end. Every tenth
/// block's service task names a handler the service does not have, so the validator reports warnings and the designer
/// draws markers (what the speed goal asks: the model opens "with markers").
/// </summary>
internal static class DesignerModel
{
    public const string ProcessId = "bench-designer";

    private sealed record Node(string Id, string Kind, string Xml, int Width, int Height)
    {
        public int X { get; set; }

        public int Y { get; set; }
    }

    public static string Generate(int flowNodes)
    {
        var nodes = new List<Node>();
        var flows = new List<(string Id, Node From, Node To, string? Condition)>();
        var start = new Node("Start", "event", "<bpmn:startEvent id=\"Start\" name=\"Start\" />", 36, 36);
        nodes.Add(start);
        var previous = start;
        var block = 0;
        while (nodes.Count + 5 + 1 <= flowNodes)
        {
            block++;
            var b = block.ToString(CultureInfo.InvariantCulture);
            var review = new Node($"Task_Review_{b}", "task", $"<bpmn:userTask id=\"Task_Review_{b}\" name=\"Review {b}\" orc:candidateGroups=\"social-worker, coordinator\" orc:formKey=\"note\" orc:dueDate=\"P5D\" />", 100, 80);
            var split = new Node($"Gateway_Split_{b}", "gateway", $"<bpmn:exclusiveGateway id=\"Gateway_Split_{b}\" name=\"Urgent {b}?\" default=\"Flow_Default_{b}\" />", 50, 50);
            var handler = block % 10 == 0 ? "bench.noSuchHandler" : "case.setPhase";
            var service = new Node($"Service_{b}", "task", $"<bpmn:serviceTask id=\"Service_{b}\" name=\"Record {b}\" orc:type=\"{handler}\" />", 100, 80);
            var follow = new Node($"Task_Follow_{b}", "task", $"<bpmn:userTask id=\"Task_Follow_{b}\" name=\"Follow up {b}\" orc:candidateGroups=\"coordinator\" orc:reminder=\"R/P7D\" />", 100, 80);
            var merge = new Node($"Gateway_Merge_{b}", "gateway", $"<bpmn:exclusiveGateway id=\"Gateway_Merge_{b}\" />", 50, 50);
            nodes.AddRange([review, split, service, follow, merge]);
            flows.Add(($"Flow_In_{b}", previous, review, null));
            flows.Add(($"Flow_Split_{b}", review, split, null));
            flows.Add(($"Flow_Urgent_{b}", split, service, $"urgency{b} > 3"));
            flows.Add(($"Flow_Default_{b}", split, follow, null));
            flows.Add(($"Flow_Merge_A_{b}", service, merge, null));
            flows.Add(($"Flow_Merge_B_{b}", follow, merge, null));
            previous = merge;
        }

        while (nodes.Count < flowNodes - 1)
        {
            var n = nodes.Count.ToString(CultureInfo.InvariantCulture);
            var task = new Node($"Task_Extra_{n}", "task", $"<bpmn:userTask id=\"Task_Extra_{n}\" name=\"Close {n}\" orc:candidateGroups=\"coordinator\" />", 100, 80);
            nodes.Add(task);
            flows.Add(($"Flow_Extra_{n}", previous, task, null));
            previous = task;
        }

        var end = new Node("End", "event", "<bpmn:endEvent id=\"End\" name=\"End\" />", 36, 36);
        nodes.Add(end);
        flows.Add(("Flow_End", previous, end, null));

        // A grid, 20 to a row; edges run right, or down and back to the next row.
        for (var i = 0; i < nodes.Count; i++)
        {
            var (row, column) = Math.DivRem(i, 20);
            nodes[i].X = 100 + (column * 160) + ((100 - nodes[i].Width) / 2);
            nodes[i].Y = 100 + (row * 200) + ((80 - nodes[i].Height) / 2);
        }

        var xml = new StringBuilder();
        xml.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:orc="urn:orchestrator:bpmn:1.0" id="Defs_Bench" targetNamespace="urn:orchestrator:benchmarks">
            """);
        xml.Append(CultureInfo.InvariantCulture, $"\n  <bpmn:process id=\"{ProcessId}\" name=\"Designer benchmark ({flowNodes} elements)\" isExecutable=\"true\">\n");
        foreach (var node in nodes)
        {
            xml.Append("    ").Append(node.Xml).Append('\n');
        }

        foreach (var (id, from, to, condition) in flows)
        {
            xml.Append(CultureInfo.InvariantCulture, $"    <bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{from.Id}\" targetRef=\"{to.Id}\"");
            xml.Append(condition is null ? " />\n" : $"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">={condition}</bpmn:conditionExpression></bpmn:sequenceFlow>\n");
        }

        xml.Append("  </bpmn:process>\n  <bpmndi:BPMNDiagram id=\"Diagram_Bench\">\n");
        xml.Append(CultureInfo.InvariantCulture, $"    <bpmndi:BPMNPlane id=\"Plane_Bench\" bpmnElement=\"{ProcessId}\">\n");
        foreach (var node in nodes)
        {
            xml.Append(CultureInfo.InvariantCulture,
                $"      <bpmndi:BPMNShape id=\"{node.Id}_di\" bpmnElement=\"{node.Id}\"><dc:Bounds x=\"{node.X}\" y=\"{node.Y}\" width=\"{node.Width}\" height=\"{node.Height}\" /></bpmndi:BPMNShape>\n");
        }

        foreach (var (id, from, to, _) in flows)
        {
            var (x1, y1) = (from.X + from.Width, from.Y + (from.Height / 2));
            var (x2, y2) = (to.X, to.Y + (to.Height / 2));
            xml.Append(CultureInfo.InvariantCulture, $"      <bpmndi:BPMNEdge id=\"{id}_di\" bpmnElement=\"{id}\"><di:waypoint x=\"{x1}\" y=\"{y1}\" />");
            if (y1 != y2 || x2 < x1)
            {
                var turn = from.Y + 140;
                xml.Append(CultureInfo.InvariantCulture, $"<di:waypoint x=\"{x1 + 20}\" y=\"{y1}\" /><di:waypoint x=\"{x1 + 20}\" y=\"{turn}\" /><di:waypoint x=\"{x2 - 20}\" y=\"{turn}\" /><di:waypoint x=\"{x2 - 20}\" y=\"{y2}\" />");
            }

            xml.Append(CultureInfo.InvariantCulture, $"<di:waypoint x=\"{x2}\" y=\"{y2}\" /></bpmndi:BPMNEdge>\n");
        }

        xml.Append("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
        return xml.ToString();
    }
}
