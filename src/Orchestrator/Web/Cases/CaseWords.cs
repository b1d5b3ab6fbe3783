using System.Globalization;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases.CaseFiles;

namespace Orchestrator.Web.Cases;

/// <summary>
/// The case domain's codes (phases, placements, statuses, programmes, flags, groups, timeline kinds) as the case pages
/// word them in the page's language. A code without a word is shown as it is, so new codes never break a page.
/// </summary>
/// <param name="text">The case pages' resources.</param>
public sealed class CaseWords(IStringLocalizer<CasesText> text)
{
    /// <summary>A phase.</summary>
    /// <param name="code">The phase.</param>
    /// <returns>The words.</returns>
    public string Phase(string? code) => Word("Phase_", code);

    /// <summary>A placement: a type (<c>first-reception</c>) or a case event's <c>type:id</c>, with the place's id or name.</summary>
    /// <param name="value">The value.</param>
    /// <param name="placeName">The place's name, when known.</param>
    /// <returns>The words.</returns>
    public string Placement(string? value, string? placeName = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return text["None"];
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var type = colon < 0 ? value : value[..colon];
        var place = placeName ?? (colon < 0 ? null : value[(colon + 1)..]);
        var words = Word("Placement_", type);
        return string.IsNullOrEmpty(place) ? words : $"{words} ({place})";
    }

    /// <summary>A child's recorded sex.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Sex(string? code) => Word("Sex_", code);

    /// <summary>An asylum status.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Asylum(string? code) => Word("Asylum_", code);

    /// <summary>A measure's or activity's status.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Status(string? code) => Word("Status_", code);

    /// <summary>A life-plan programme.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Programme(string? code) => Word("Programme_", code);

    /// <summary>A life-plan horizon.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Horizon(string? code) => Word("Horizon_", code);

    /// <summary>Where a family was found.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Location(string? code) => Word("Location_", code);

    /// <summary>A kind of evaluation.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string EvaluationKind(string? code) => Word("EvalKind_", code);

    /// <summary>A kind of uploaded document.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Category(string? code) => Word("Category_", code);

    /// <summary>A journey's status.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string JourneyStatus(string? code) => Word("JourneyStatus_", code);

    /// <summary>The decision a child's opinion was recorded at (<c>placement</c>, <c>first-interview</c>, …).</summary>
    /// <param name="code">The code.</param>
    /// <returns>The words.</returns>
    public string Decision(string? code) => Word("Decision_", code);

    /// <summary>Who did something: a person's name as resolved, a program's key name, or "the system" for the service's own steps.</summary>
    /// <param name="who">The name or id.</param>
    /// <returns>The words.</returns>
    public string Who(string? who) => who is null ? text["None"] : who == Workflows.Actor.System.Id ? text["System"] : who;

    /// <summary>A profile flag by its property name (<c>VictimOfCrime</c>).</summary>
    /// <param name="name">The flag.</param>
    /// <returns>The words.</returns>
    public string Flag(string name) => Word("Flag_", name);

    /// <summary>Candidate groups (roles), by their names in the page's language.</summary>
    /// <param name="groups">The groups.</param>
    /// <returns>The words, comma-separated.</returns>
    public string Groups(IEnumerable<string> groups) => string.Join(", ", groups.Select(g => Word("Group_", g)));

    /// <summary>A file size in kilobytes.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The words.</returns>
    public string Size(long bytes) => text["Size_KB", Math.Max(1, (bytes + 1023) / 1024).ToString("N0", CultureInfo.CurrentCulture)];

    /// <summary>One timeline entry as a sentence.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The sentence.</returns>
    public string Sentence(CaseTimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var subject = entry.Subject ?? "";
        var detail = entry.Detail ?? "";
        return entry.Kind switch
        {
            CaseTimelineKinds.PhaseChanged => text["Timeline_phase-changed", Phase(entry.Subject)],
            CaseTimelineKinds.PlacementAssigned when entry.Subject is null => text["Timeline_placement-ended", Placement(entry.Detail)],
            CaseTimelineKinds.PlacementAssigned => text["Timeline_placement-assigned", Placement(entry.Subject)],
            CaseTimelineKinds.Opinion => text["Timeline_opinion", Decision(entry.Subject)],
            CaseTimelineKinds.ObjectiveAdded => text["Timeline_objective-added", subject, Programme(entry.Detail)],
            CaseTimelineKinds.Evaluation => text["Timeline_evaluation", subject, EvaluationKind(entry.Detail)],
            CaseTimelineKinds.Tracing => entry.Subject == "found"
                ? text["Timeline_tracing-found", subject, Location(entry.Detail)]
                : text["Timeline_tracing-not-found"],
            CaseTimelineKinds.TaskEscalated => text["Timeline_task-escalated", subject, Groups(detail.Length == 0 ? [] : [detail])],
            _ => Known("Timeline_" + entry.Kind) is { } known ? text[known, subject, detail] : $"{entry.Kind}: {subject}",
        };
    }

    private string? Known(string key) => text[key].ResourceNotFound ? null : key;

    private string Word(string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return text["None"];
        }

        var word = text[prefix + code];
        return word.ResourceNotFound ? code : word.Value;
    }
}
