using Microsoft.Extensions.Localization;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Tasks;

/// <summary>
/// The names pages show for tasks, journeys and groups, in the page's language. Tasks and journeys come from the
/// translations kept beside the journeys (<see cref="JourneyNames"/>, the same names the emails use; a name missing in
/// a language falls back to the BPMN name, then the id). Groups are the roles, named in <c>TasksText</c> ("Jurídico"
/// for <c>lawyer</c>).
/// </summary>
public sealed class TaskNaming(IStringLocalizer<TasksText> text, JourneyNames names)
{
    /// <summary>A task's name as people read it.</summary>
    /// <param name="processId">Its journey.</param>
    /// <param name="elementId">Its element.</param>
    /// <param name="name">Its name in the BPMN file.</param>
    /// <returns>The name.</returns>
    public string Task(string processId, string elementId, string? name) => names.TaskName(processId, elementId, Language, name);

    /// <summary>A journey's name as people read it.</summary>
    /// <param name="processId">The process id.</param>
    /// <returns>The name.</returns>
    public string Journey(string processId) => names.JourneyName(processId, Language);

    private static string Language => Common.WorkspaceChrome.Language;

    /// <summary>A group's (role's) name as people read it ("Jurídico"); an unknown group as it is written.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The name.</returns>
    public string Group(string group)
    {
        var words = text["Group_" + group];
        return words.ResourceNotFound ? group : words.Value;
    }

    /// <summary>Groups' names joined as a sentence reads them ("Jurídico y Coordinación").</summary>
    /// <param name="groups">The groups.</param>
    /// <returns>The names.</returns>
    public string Groups(IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var names = groups.Select(Group).ToList();
        return names.Count switch
        {
            0 => "",
            1 => names[0],
            _ => text["List_And", string.Join(", ", names.Take(names.Count - 1)), names[^1]],
        };
    }

    /// <summary>A case phase in words ("Primera recepción"); an unknown phase as it is written.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>The words.</returns>
    public string Phase(string phase)
    {
        var words = text["Phase_" + phase];
        return words.ResourceNotFound ? phase : words.Value;
    }
}
