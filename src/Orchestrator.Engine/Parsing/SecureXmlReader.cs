using System.Text;
using System.Xml;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>
/// Reads XML into <see cref="XmlElementNode"/>s with the protections a service that accepts uploaded
/// files needs: no DTDs (so no external entities and no entity expansion), no resolver, a size limit
/// and an element depth limit. Every failure becomes one file-level <see cref="BpmnProblem"/>.
/// </summary>
internal static class SecureXmlReader
{
    /// <summary>
    /// Activiti's extension namespace. Camunda 7 reads it as its own (Camunda began as a fork of Activiti), and
    /// Signavio, Trisotech and the Activiti and Eclipse designers still export Camunda 7 attributes under it, so
    /// the reader files its elements and attributes under <see cref="BpmnParser.Camunda7Namespace"/>.
    /// </summary>
    public const string ActivitiNamespace = "http://activiti.org/bpmn";

    /// <summary>The largest accepted file: 5 MiB (characters for text, bytes for streams).</summary>
    public const int MaxSize = 5 * 1024 * 1024;

    /// <summary>The deepest accepted element nesting.</summary>
    public const int MaxDepth = 200;

    /// <summary>
    /// Registers the Windows and ISO code pages (<c>windows-1252</c>, <c>iso-8859-15</c>…) with the runtime once: .NET
    /// knows only the Unicode encodings and Latin-1 by itself, and Enterprise Architect, among others, exports
    /// <c>encoding="windows-1252"</c>. Registering a provider only adds encodings; it changes none that exist.
    /// </summary>
#pragma warning disable CA1810 // The registration must happen before the first file is read, whichever entry point reads it.
    static SecureXmlReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
#pragma warning restore CA1810

    private static XmlReaderSettings Settings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    public static XmlElementNode? Read(string xml, string sourceName, List<BpmnProblem> problems)
    {
        if (xml.Length > MaxSize)
        {
            problems.Add(TooLarge(sourceName, $"{xml.Length:N0} characters"));
            return null;
        }

        if (LooksLikeHtml(xml))
        {
            problems.Add(HtmlProblem(sourceName));
            return null;
        }

        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Settings(MaxSize + 1L));
        return ReadTree(reader, sourceName, problems, xml);
    }

    public static XmlElementNode? Read(Stream stream, string sourceName, List<BpmnProblem> problems)
    {
        // Read at most MaxSize + 1 bytes: the limit is enforced on what is read, whatever the stream claims.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        try
        {
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxSize)
                {
                    problems.Add(TooLarge(sourceName, $"more than {MaxSize:N0} bytes"));
                    return null;
                }
            }
        }
        catch (IOException ex)
        {
            problems.Add(new BpmnProblem(sourceName, BpmnProblem.FileLevel, "xml-unreadable", $"The file could not be read: {ex.Message}"));
            return null;
        }

        var head = PeekText(buffer);
        if (LooksLikeHtml(head))
        {
            problems.Add(HtmlProblem(sourceName));
            return null;
        }

        buffer.Position = 0;
        using var reader = XmlReader.Create(buffer, Settings(MaxSize * 2L));
        return ReadTree(reader, sourceName, problems, head);
    }

    private static string PeekText(MemoryStream buffer)
    {
        var length = (int)Math.Min(buffer.Length, 65536);
        var bytes = buffer.GetBuffer().AsSpan(0, length);
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return bytes[0] == 0xFF ? Encoding.Unicode.GetString(bytes[2..]) : Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>An HTML page (a common mistake: a saved web page, an error page) gets its own message.</summary>
    private static bool LooksLikeHtml(string text)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, 4096)).TrimStart("\uFEFF \t\r\n");
        if (span.StartsWith("<?xml", StringComparison.Ordinal))
        {
            var end = span.IndexOf("?>", StringComparison.Ordinal);
            span = end < 0 ? span : span[(end + 2)..].TrimStart(" \t\r\n");
        }

        return span.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || span.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static BpmnProblem HtmlProblem(string sourceName) =>
        new(sourceName, BpmnProblem.FileLevel, "not-bpmn", "This is an HTML page, not a BPMN file (expected <bpmn:definitions> as the root element).");

    private static BpmnProblem TooLarge(string sourceName, string size) =>
        new(sourceName, BpmnProblem.FileLevel, "xml-too-large", $"The file is too large ({size}); the limit is {MaxSize / (1024 * 1024)} MiB.");

    private static XmlElementNode? ReadTree(XmlReader reader, string sourceName, List<BpmnProblem> problems, string head)
    {
        var info = (IXmlLineInfo)reader;
        XmlElementNode? root = null;
        XmlElementNode? current = null;
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        {
                            var element = new XmlElementNode(Alias(reader.NamespaceURI), reader.LocalName, info.LineNumber, info.LinePosition) { ParentNode = current };
                            var empty = reader.IsEmptyElement;
                            if (reader.MoveToFirstAttribute())
                            {
                                do
                                {
                                    if (reader.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                                    {
                                        element.NamespaceDeclarations ??= new Dictionary<string, string>(StringComparer.Ordinal);
                                        element.NamespaceDeclarations[reader.Prefix.Length == 0 ? string.Empty : reader.LocalName] = reader.Value;
                                    }
                                    else
                                    {
                                        element.Attributes.Add((Alias(reader.NamespaceURI), reader.LocalName, reader.Value));
                                    }
                                }
                                while (reader.MoveToNextAttribute());
                                reader.MoveToElement();
                            }

                            if (current is null)
                            {
                                root = element;
                            }
                            else
                            {
                                current.Children.Add(element);
                            }

                            if (!empty)
                            {
                                depth++;
                                if (depth > MaxDepth)
                                {
                                    problems.Add(new BpmnProblem(sourceName, BpmnProblem.FileLevel, "xml-too-deep",
                                        $"Elements are nested more than {MaxDepth} levels deep (line {info.LineNumber}, position {info.LinePosition})."));
                                    return null;
                                }

                                current = element;
                            }

                            break;
                        }

                    case XmlNodeType.EndElement:
                        depth--;
                        current = current?.ParentNode;
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.SignificantWhitespace:
                    case XmlNodeType.Whitespace:
                        if (current is not null)
                        {
                            (current.TextBuilder ??= new StringBuilder()).Append(reader.Value);
                        }

                        break;
                    case XmlNodeType.DocumentType:
                        problems.Add(DtdForbidden(sourceName, info.LineNumber, info.LinePosition));
                        return null;
                    default:
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            problems.Add(Classify(sourceName, ex, head));
            return null;
        }

        if (root is null)
        {
            problems.Add(new BpmnProblem(sourceName, BpmnProblem.FileLevel, "xml-malformed", "The file is empty: it has no root element."));
        }

        return root;
    }

    private static string Alias(string namespaceUri) =>
        namespaceUri == ActivitiNamespace ? BpmnParser.Camunda7Namespace : namespaceUri;

    private static BpmnProblem DtdForbidden(string sourceName, int line, int position) =>
        new(sourceName, BpmnProblem.FileLevel, "xml-dtd-forbidden",
            $"The file declares a DTD (<!DOCTYPE …>, line {line}, position {position}); DTDs and entities are refused for security. BPMN files never need one.");

    private static BpmnProblem Classify(string sourceName, XmlException ex, string head)
    {
        var message = ex.Message;
        if (message.Contains("DTD", StringComparison.Ordinal) || message.Contains("DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            // XmlReader reports line 0 for a prohibited DTD; find the declaration in the text.
            var (line, position) = (ex.LineNumber, ex.LinePosition);
            var at = head.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            if (line == 0 && at >= 0)
            {
                line = 1 + head.AsSpan(0, at).Count('\n');
                var lineStart = at == 0 ? 0 : head.LastIndexOf('\n', at - 1) + 1;
                position = at - lineStart + 1;
            }

            return DtdForbidden(sourceName, line, position);
        }

        if (message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            return TooLarge(sourceName, "more than the limit");
        }

        if (message.Contains("MaxCharactersFromEntities", StringComparison.Ordinal))
        {
            return new BpmnProblem(sourceName, BpmnProblem.FileLevel, "xml-dtd-forbidden",
                $"The file uses an entity that is not declared or not allowed (line {ex.LineNumber}, position {ex.LinePosition}); DTDs and entities are refused for security.");
        }

        if (message.Contains("Invalid character in the given encoding", StringComparison.Ordinal))
        {
            // The bytes are not in the encoding the declaration names (a file saved as Windows-1252 that says UTF-8).
            var declared = DeclaredEncoding(head) ?? "UTF-8";
            return new BpmnProblem(sourceName, BpmnProblem.FileLevel, "xml-malformed",
                $"The file is not well-formed XML: it is not saved in the encoding it declares ('{declared}'): the bytes at line {ex.LineNumber}, position {ex.LinePosition} are not {declared}. It was probably saved as Windows-1252 or ISO-8859-1; save it again as UTF-8, or declare the encoding it was saved in.");
        }

        // XmlException messages already end with "Line n, position m."; keep them, they say what was expected.
        return new BpmnProblem(sourceName, BpmnProblem.FileLevel, "xml-malformed", $"The file is not well-formed XML: {message}");
    }

    /// <summary>The <c>encoding</c> of the XML declaration at the start of the text, if there is one.</summary>
    private static string? DeclaredEncoding(string head)
    {
        var span = head.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (!span.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return null;
        }

        var end = span.IndexOf("?>", StringComparison.Ordinal);
        var declaration = (end < 0 ? span : span[..end]).ToString();
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(' ', '=', '\t');
        if (rest.Length < 2 || rest[0] is not ('"' or '\''))
        {
            return null;
        }

        var close = rest.IndexOf(rest[0], 1);
        return close < 0 ? null : rest[1..close];
    }
}
