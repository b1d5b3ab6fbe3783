using System.Xml.Linq;

namespace Orchestrator.Benchmarks.Tck;

/// <summary>
/// The part of a DMN model a standalone FEEL evaluator can run: each decision's expression as one FEEL text, when
/// the expression is a literal expression or a boxed expression that maps one to one onto FEEL syntax (context,
/// list, relation, a FEEL function definition). A decision is not applicable when it needs DMN beyond FEEL: a
/// decision table, an invocation of a business knowledge model or decision service, a boxed conditional, filter or
/// iterator (DMN gives them typing rules of their own, which the TCK tests), an item definition with components or
/// constraints as the type of its result or of an input it reads, a test of a value against an item definition
/// (<c>instance of tMyType</c>), an external (Java or PMML) function, an import, or a decision that is not
/// applicable itself.
/// </summary>
internal sealed class DmnModel
{
    private static readonly HashSet<string> BuiltinTypes = new(StringComparer.Ordinal)
    {
        "Any", "number", "string", "boolean", "date", "time", "dateTime", "date and time", "dayTimeDuration", "days and time duration",
        "yearMonthDuration", "years and months duration", "context", "list", "function", "range",
    };

    private readonly Dictionary<string, XElement> _decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _inputTypes = new(StringComparer.Ordinal);
    /// <summary>Item definitions by name: the built-in type a simple alias stands for (<c>list</c> for a collection of one), or null for a structure or a constrained type.</summary>
    private readonly Dictionary<string, string?> _itemDefinitions = new(StringComparer.Ordinal);
    private readonly bool _imports;

    public DmnModel(string path)
    {
        var root = XDocument.Load(path).Root!;
        _imports = root.Elements().Any(e => e.Name.LocalName == "import");
        foreach (var e in root.Elements())
        {
            var name = (string?)e.Attribute("name");
            var id = (string?)e.Attribute("id");
            if (name is null)
            {
                continue;
            }

            switch (e.Name.LocalName)
            {
                case "decision":
                    _decisions[name] = e;
                    break;
                case "inputData":
                    _inputTypes[name] = TypeRef(e);
                    break;
                case "itemDefinition":
                    _itemDefinitions[name] = AliasOf(e);
                    break;
                default:
                    break;
            }

            if (id is not null)
            {
                _nameById[id] = name;
            }
        }
    }

    /// <summary>
    /// The decision as FEEL, the built-in type of its result (an item definition that renames one resolved; null for
    /// none), the names of the decisions it requires, or why it is not applicable.
    /// </summary>
    public (string? Feel, string? Type, IReadOnlyList<string> Requires, string? NotApplicable) Decision(string name)
    {
        var (feel, requires, why) = DecisionFeel(name);
        if (feel is null)
        {
            return (null, null, [], why);
        }

        foreach (var itemDefinition in _itemDefinitions.Keys)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(feel, @"instance of [\w\s<>,]*?\b" + System.Text.RegularExpressions.Regex.Escape(itemDefinition) + @"\b"))
            {
                return (null, null, [], "it tests a value against an item definition (instance of)");
            }
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(feel, @"\)\s*external\s*\{"))
        {
            return (null, null, [], "an external (Java or PMML) function");
        }

        var type = TypeRef(_decisions[name]);
        if (type is not null)
        {
            var t = type.StartsWith("feel:", StringComparison.Ordinal) ? type[5..] : type;
            type = _itemDefinitions.TryGetValue(t, out var alias) ? alias : t;
        }

        return (feel, type, requires, null);
    }

    private (string? Feel, IReadOnlyList<string> Requires, string? NotApplicable) DecisionFeel(string name)
    {
        if (_imports)
        {
            return (null, [], "the model imports another model");
        }

        if (!_decisions.TryGetValue(name, out var decision))
        {
            return (null, [], "no such decision in the model");
        }

        var type = TypeRef(decision);
        if (type is not null && !IsBuiltin(type))
        {
            return (null, [], "its result's type is an item definition with components or constraints");
        }

        var requires = new List<string>();
        foreach (var requirement in decision.Elements().Where(e => e.Name.LocalName is "informationRequirement" or "knowledgeRequirement" or "authorityRequirement"))
        {
            foreach (var reference in requirement.Elements())
            {
                var target = _nameById.GetValueOrDefault(((string?)reference.Attribute("href"))?.TrimStart('#') ?? string.Empty);
                switch (reference.Name.LocalName)
                {
                    case "requiredDecision" when target is not null:
                        requires.Add(target);
                        break;
                    case "requiredInput" when target is not null:
                        if (_inputTypes.GetValueOrDefault(target) is { } inputType && !IsBuiltin(inputType))
                        {
                            return (null, [], "an input's type is an item definition with components or constraints");
                        }

                        break;
                    case "requiredKnowledge":
                        return (null, [], "it invokes a business knowledge model or decision service");
                    case "requiredAuthority":
                        break;
                    default:
                        return (null, [], $"a requirement the runner cannot follow ({reference.Name.LocalName})");
                }
            }
        }

        var expression = decision.Elements().FirstOrDefault(e => e.Name.LocalName is not ("variable" or "informationRequirement"
            or "knowledgeRequirement" or "authorityRequirement" or "description" or "question" or "allowedAnswers" or "extensionElements"));
        if (expression is null)
        {
            return (null, [], "it has no expression");
        }

        var feel = Feel(expression, out var why);
        return feel is null ? (null, [], why) : (feel, requires, null);
    }

    /// <summary>Whether the type is FEEL's own (or an item definition that only renames one): then FEEL alone gives the value.</summary>
    private bool IsBuiltin(string type)
    {
        var t = type.StartsWith("feel:", StringComparison.Ordinal) ? type[5..] : type;
        if (_itemDefinitions.TryGetValue(t, out var alias))
        {
            return alias is not null;
        }

        return BuiltinTypes.Contains(t) || t.StartsWith("list<", StringComparison.Ordinal);
    }

    private static string? AliasOf(XElement itemDefinition)
    {
        if (itemDefinition.Elements().Any(e => e.Name.LocalName is "itemComponent" or "allowedValues" or "typeConstraint" or "functionItem"))
        {
            return null;
        }

        var typeRef = (string?)Child(itemDefinition, "typeRef");
        if (typeRef is null)
        {
            return null;
        }

        var t = typeRef.StartsWith("feel:", StringComparison.Ordinal) ? typeRef[5..] : typeRef;
        if (!BuiltinTypes.Contains(t))
        {
            return null;
        }

        return (string?)itemDefinition.Attribute("isCollection") == "true" ? $"list<{t}>" : t;
    }

    private static string? TypeRef(XElement element) =>
        (string?)element.Elements().FirstOrDefault(e => e.Name.LocalName == "variable")?.Attribute("typeRef") ?? (string?)element.Attribute("typeRef");

    private static XElement? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    /// <summary>The expression's first child expression (skipping descriptions and the like).</summary>
    private static XElement? Inner(XElement? e) =>
        e?.Elements().FirstOrDefault(c => c.Name.LocalName is not ("description" or "extensionElements" or "variable" or "formalParameter"));

    /// <summary>One boxed or literal expression as FEEL text, or null with the reason.</summary>
    private static string? Feel(XElement? expression, out string why)
    {
        why = string.Empty;
        if (expression is null)
        {
            why = "an empty expression";
            return null;
        }

        switch (expression.Name.LocalName)
        {
            case "literalExpression":
                {
                    var language = (string?)expression.Attribute("expressionLanguage");
                    if (language is not null && !language.Contains("FEEL", StringComparison.OrdinalIgnoreCase))
                    {
                        why = $"a literal expression in '{language}'";
                        return null;
                    }

                    var text = (string?)Child(expression, "text");
                    if (text is null)
                    {
                        return "null";
                    }

                    return "(" + text + "\n)";
                }

            case "context":
                {
                    var entries = new List<string>();
                    string? result = null;
                    foreach (var entry in expression.Elements().Where(e => e.Name.LocalName == "contextEntry"))
                    {
                        var variable = (string?)Child(entry, "variable")?.Attribute("name");
                        var value = Feel(Inner(entry), out why);
                        if (value is null)
                        {
                            return null;
                        }

                        if (variable is null)
                        {
                            result = value;
                        }
                        else
                        {
                            entries.Add(Quote(variable) + ": " + value);
                        }
                    }

                    if (result is null)
                    {
                        return "{" + string.Join(", ", entries) + "}";
                    }

                    // A final entry without a name is the context's value; the others are in scope for it.
                    entries.Add("\"tck result\": " + result);
                    return "get value({" + string.Join(", ", entries) + "}, \"tck result\")";
                }

            case "list":
                {
                    var items = new List<string>();
                    foreach (var item in expression.Elements().Where(e => e.Name.LocalName is not ("description" or "extensionElements")))
                    {
                        var value = Feel(item, out why);
                        if (value is null)
                        {
                            return null;
                        }

                        items.Add(value);
                    }

                    return "[" + string.Join(", ", items) + "]";
                }

            case "relation":
                {
                    var columns = expression.Elements().Where(e => e.Name.LocalName == "column").Select(c => (string)c.Attribute("name")!).ToList();
                    var rows = new List<string>();
                    foreach (var row in expression.Elements().Where(e => e.Name.LocalName == "row"))
                    {
                        var cells = row.Elements().Where(e => e.Name.LocalName is not ("description" or "extensionElements")).ToList();
                        var parts = new List<string>();
                        for (var i = 0; i < cells.Count && i < columns.Count; i++)
                        {
                            var value = Feel(cells[i], out why);
                            if (value is null)
                            {
                                return null;
                            }

                            parts.Add(Quote(columns[i]) + ": " + value);
                        }

                        rows.Add("{" + string.Join(", ", parts) + "}");
                    }

                    return "[" + string.Join(", ", rows) + "]";
                }

            case "conditional" or "filter" or "for" or "some" or "every":
                why = "a boxed conditional, filter or iterator (DMN typing rules of its own)";
                return null;
            case "functionDefinition":
                {
                    var kind = (string?)expression.Attribute("kind");
                    if (kind is not null && kind != "FEEL")
                    {
                        why = $"a {kind} function definition";
                        return null;
                    }

                    var parameters = expression.Elements().Where(e => e.Name.LocalName == "formalParameter").Select(p => (string)p.Attribute("name")!);
                    var body = Feel(Inner(expression), out why);
                    return body is null ? null : $"(function({string.Join(", ", parameters)}) {body})";
                }

            case "decisionTable":
                why = "a decision table";
                return null;
            case "invocation":
                why = "an invocation of a business knowledge model";
                return null;
            default:
                why = $"a {expression.Name.LocalName} expression";
                return null;
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
