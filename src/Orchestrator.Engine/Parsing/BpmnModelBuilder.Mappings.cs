using System.Text;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

internal sealed partial class BpmnModelBuilder
{
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
                // A script in another language is refused where it is written; its text is no FEEL to check.
                return IsFeelLanguage(e.Attr("scriptFormat")) && e.Attr("resource") is null ? FeelText(e.Text) ?? "null" : "null";
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
