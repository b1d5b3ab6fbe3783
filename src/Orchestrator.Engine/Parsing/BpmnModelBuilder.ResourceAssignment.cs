using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>
/// BPMN's own way to say who does a user task, as Signavio, Trisotech, Bizagi and the Activiti designer write it:
/// <c>humanPerformer</c> (the person) and <c>potentialOwner</c> (who may claim it), each with a
/// <c>resourceAssignmentExpression</c> or a <c>resourceRef</c> to a root <c>bpmn:resource</c>. Read as Camunda 7
/// reads them: a performer's expression is the assignee; an owner's expression is a comma-separated list of
/// <c>user(id)</c> (a candidate user), <c>group(id)</c> or a bare name (candidate groups); a referenced resource is a
/// role, so its name is a candidate group. <c>orc:</c>/<c>camunda:</c> attributes, when present, win. What cannot be
/// read (parameter bindings, another language, JUEL) is one warning at the task, and the task is then not also
/// reported as unassigned.
/// </summary>
internal sealed partial class BpmnModelBuilder
{
    private (ValueExpression? Assignee, ValueExpression? CandidateUsers, ValueExpression? CandidateGroups) ReadResourceAssignment(
        XmlElementNode task, string id, ValueExpression? assignee, ValueExpression? candidateUsers, ValueExpression? candidateGroups)
    {
        var roles = task.Children.Where(c => c.NamespaceUri == Bpmn && c.LocalName is "humanPerformer" or "potentialOwner").ToList();
        if (roles.Count == 0 || assignee is not null || candidateUsers is not null || candidateGroups is not null)
        {
            return (assignee, candidateUsers, candidateGroups);
        }

        var users = new List<string>();
        var groups = new List<string>();
        string? performer = null;
        foreach (var role in roles)
        {
            var isPerformer = role.LocalName == "humanPerformer";
            if (!TryReadRole(role, id, out var names, out var why))
            {
                Warning(id, ParseCodes.ResourceAssignmentIgnored,
                    $"User task '{id}' has a {role.LocalName} that Orchestrator cannot read ({why}); it is ignored. Set orc:assignee, orc:candidateGroups or orc:candidateUsers instead.");
                ReportedImplementation(id);
                continue;
            }

            foreach (var (kind, name) in names)
            {
                if (isPerformer && kind != "group" && performer is null)
                {
                    performer = name;
                }
                else if (kind == "user")
                {
                    users.Add(name);
                }
                else
                {
                    groups.Add(name);
                }
            }
        }

        static ValueExpression? List(List<string> names) =>
            names.Count == 0 ? null : new ValueExpression(string.Join(",", names.Distinct(StringComparer.Ordinal)), false);

        return (performer is null ? null : new ValueExpression(performer, false), List(users), List(groups));
    }

    /// <summary>The names one <c>humanPerformer</c> or <c>potentialOwner</c> gives, as (<c>user</c>|<c>group</c>|<c>any</c>, name).</summary>
    private bool TryReadRole(XmlElementNode role, string taskId, out List<(string Kind, string Name)> names, out string why)
    {
        names = [];
        why = string.Empty;
        if (role.Children.Any(c => c.Is(Bpmn, "resourceParameterBinding")))
        {
            why = "a resource with parameter bindings";
            return false;
        }

        if (role.Child(Bpmn, "resourceRef") is { } resourceRef)
        {
            var reference = Ref(resourceRef, resourceRef.Text);
            if (reference.Id is null || reference.ImportedFrom is not null || !idsInFile.TryGetValue(reference.Id, out var resource) || !resource.Is(Bpmn, "resource"))
            {
                why = $"resourceRef '{reference.Written}' names no bpmn:resource of this file";
                return false;
            }

            names.Add(("group", (NullIfEmpty(resource.Attr("name")) ?? reference.Id).Trim()));
            return true;
        }

        var expression = role.Child(Bpmn, "resourceAssignmentExpression")?.Children
            .FirstOrDefault(c => c.NamespaceUri == Bpmn && c.LocalName is "formalExpression" or "expression");
        if (expression is null)
        {
            why = "it names no resource and has no resourceAssignmentExpression";
            return false;
        }

        var language = NullIfEmpty(expression.Attr("language"));
        var text = expression.Text.Trim();
        if (language is not null && !IsFeelLanguage(language))
        {
            why = $"its expression is in {LanguageName(language)}";
            return false;
        }

        if (IsJuel(text))
        {
            ReportJuel(taskId, role.LocalName, text);
            ReportedImplementation(taskId);
            why = string.Empty;
            return true; // said as JUEL, nothing more
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (kind, name) = part switch
            {
                _ when part.StartsWith("user(", StringComparison.Ordinal) && part.EndsWith(')') => ("user", part[5..^1].Trim()),
                _ when part.StartsWith("group(", StringComparison.Ordinal) && part.EndsWith(')') => ("group", part[6..^1].Trim()),
                _ => (role.LocalName == "humanPerformer" ? "user" : "group", part),
            };
            if (name.Length == 0 || name.Contains('(', StringComparison.Ordinal) || name.Contains('"', StringComparison.Ordinal))
            {
                names.Clear();
                why = $"'{part}' is neither a name, user(name) nor group(name)";
                return false;
            }

            names.Add((kind, name));
        }

        if (names.Count == 0)
        {
            why = "its expression is empty";
            return false;
        }

        return true;
    }
}
