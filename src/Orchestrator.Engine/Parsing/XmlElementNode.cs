using System.Text;

namespace Orchestrator.Engine.Parsing;

/// <summary>One element of the lightweight tree the parser reads a BPMN file into.</summary>
internal sealed class XmlElementNode(string namespaceUri, string localName, int line, int column)
{
    public string NamespaceUri { get; } = namespaceUri;

    public string LocalName { get; } = localName;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Attributes in document order (namespace declarations excluded).</summary>
    public List<(string NamespaceUri, string LocalName, string Value)> Attributes { get; } = [];

    /// <summary>Namespace declarations on this element (prefix, URI), kept to resolve QName values such as <c>xsi:type</c>.</summary>
    public Dictionary<string, string>? NamespaceDeclarations { get; set; }

    public XmlElementNode? ParentNode { get; set; }

    public List<XmlElementNode> Children { get; } = [];

    public StringBuilder? TextBuilder { get; set; }

    /// <summary>The concatenated text and CDATA content directly inside the element.</summary>
    public string Text => TextBuilder?.ToString() ?? string.Empty;

    public bool Is(string ns, string local) => NamespaceUri == ns && LocalName == local;

    /// <summary>An attribute without namespace (BPMN's own attributes are unqualified).</summary>
    public string? Attr(string local) => Attr(string.Empty, local);

    public string? Attr(string ns, string local)
    {
        foreach (var (n, l, v) in Attributes)
        {
            if (l == local && n == ns)
            {
                return v;
            }
        }

        return null;
    }

    public IEnumerable<XmlElementNode> ChildrenIn(string ns) => Children.Where(c => c.NamespaceUri == ns);

    public XmlElementNode? Child(string ns, string local) => Children.FirstOrDefault(c => c.Is(ns, local));

    /// <summary>Resolves a prefix declared on this element or an ancestor.</summary>
    public string? LookupNamespace(string prefix)
    {
        for (var e = this; e is not null; e = e.ParentNode)
        {
            if (e.NamespaceDeclarations is not null && e.NamespaceDeclarations.TryGetValue(prefix, out var uri))
            {
                return uri;
            }
        }

        return null;
    }

    public override string ToString() => $"{LocalName} (line {Line}, column {Column})";
}
