namespace Orchestrator.Engine.Parsing;

/// <summary>
/// References between elements. The schema types most of them as QNames (<c>attachedToRef</c>, <c>messageRef</c>,
/// <c>errorRef</c>, <c>calledElement</c>, <c>eventDefinitionRef</c>, <c>resourceRef</c>), and tools write them with
/// a prefix (IBM Process Designer <c>attachedToRef="tns:Task_1"</c>, GenMyModel <c>sourceRef="bpmn2:_x"</c>,
/// Trisotech <c>messageRef="semantic:sid-1"</c>): a prefixed reference is resolved by its namespace. The ids of
/// one file are unique, so a prefix bound to the file's <c>targetNamespace</c>, or to any namespace that is not an
/// imported file's, names an element of this file; one bound to a <c>bpmn:import</c>ed namespace names an element
/// of the other file.
/// </summary>
internal sealed partial class BpmnModelBuilder
{
    /// <summary>A reference read from an attribute or element text.</summary>
    /// <param name="Id">The local id (the prefix removed), or <c>null</c> when the reference is missing or empty.</param>
    /// <param name="Written">The reference as written, for messages.</param>
    /// <param name="ImportedFrom">The location of the imported file it names, when it names an element of another file.</param>
    private readonly record struct Reference(string? Id, string Written, string? ImportedFrom)
    {
        public bool IsMissing => Id is null;
    }

    /// <summary>Reads the reference in attribute <paramref name="attribute"/> of <paramref name="element"/>.</summary>
    private Reference RefAttr(XmlElementNode element, string attribute) => Ref(element, element.Attr(attribute));

    /// <summary>Resolves a reference written on (or as the text of) <paramref name="at"/>.</summary>
    private Reference Ref(XmlElementNode at, string? written)
    {
        var text = written?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new Reference(null, text, null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text.Contains("://", StringComparison.Ordinal))
        {
            return new Reference(text, text, null); // an NCName: the id itself
        }

        var prefix = text[..colon];
        var local = text[(colon + 1)..];
        var ns = at.LookupNamespace(prefix);
        if (ns is not null && ns != targetNamespace && importedNamespaces.TryGetValue(ns, out var location))
        {
            return new Reference(local, text, location);
        }

        return new Reference(local, text, null);
    }

    /// <summary>A reference that names an element of an imported file: said once, at the element that refers.</summary>
    private void ImportedReference(string elementId, Reference reference, string what) =>
        Error(elementId, "unresolved-reference",
            $"'{elementId}' refers to {what} '{reference.Written}' of the imported file '{reference.ImportedFrom}'; references into other files are not supported (declare the {what} in this file).");
}
