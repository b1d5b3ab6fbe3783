using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// Reads what the journeys of one case say about it (instances by business key, their open tasks, pending timers and
/// history) and names their elements from the deployed definitions. Callers have checked the caseload already.
/// </summary>
internal sealed class CaseJourneyReader(OrchestratorDbContext db, WorkflowRuntime runtime)
{
    /// <summary>The history entries a timeline shows (reads, variables and element starts are left out).</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        [nameof(HistoryEventType.InstanceStarted)] = CaseTimelineKinds.JourneyStarted,
        [nameof(HistoryEventType.InstanceCompleted)] = CaseTimelineKinds.JourneyCompleted,
        [nameof(HistoryEventType.InstanceCancelled)] = CaseTimelineKinds.JourneyCancelled,
        [nameof(HistoryEventType.InstanceTerminated)] = CaseTimelineKinds.JourneyCancelled,
        [nameof(HistoryEventType.TaskCreated)] = CaseTimelineKinds.TaskCreated,
        [nameof(HistoryEventType.TaskCompleted)] = CaseTimelineKinds.TaskCompleted,
        [nameof(HistoryEventType.TaskAssigned)] = CaseTimelineKinds.TaskAssigned,
        [nameof(HistoryEventType.TaskCancelled)] = CaseTimelineKinds.TaskCancelled,
        [nameof(HistoryEventType.TaskEscalated)] = CaseTimelineKinds.TaskEscalated,
        [nameof(HistoryEventType.TaskReminderSent)] = CaseTimelineKinds.TaskReminder,
        [nameof(HistoryEventType.TimerFired)] = CaseTimelineKinds.TimerFired,
        [nameof(HistoryEventType.MessageCorrelated)] = CaseTimelineKinds.MessageReceived,
        [nameof(HistoryEventType.IncidentRaised)] = CaseTimelineKinds.Incident,
        [nameof(HistoryEventType.IncidentResolved)] = CaseTimelineKinds.IncidentResolved,
        [nameof(HistoryEventType.ErrorThrown)] = CaseTimelineKinds.BusinessError,
    };

    /// <summary>The journeys of the case with reference <paramref name="reference"/>, their tasks, deadlines and history entries.</summary>
    /// <param name="reference">The case reference (the instances' business key).</param>
    /// <param name="now">Now (what is overdue).</param>
    /// <param name="historyLimit">At most this many history entries, newest first.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The journeys, open tasks, deadlines, the history as timeline entries (user ids not yet named) and the user ids met.</returns>
    public async Task<(IReadOnlyList<CaseJourney> Instances, IReadOnlyList<CaseOpenTask> Tasks, IReadOnlyList<CaseDeadline> Deadlines, IReadOnlyList<CaseTimelineEntry> History)> ReadAsync(
        string reference, DateTimeOffset now, int historyLimit, CancellationToken ct)
    {
        var instances = await db.Instances.AsNoTracking().Where(i => i.BusinessKey == reference)
            .Select(i => new { i.Id, i.ProcessId, i.Version, i.Status, i.StartedAt, i.EndedAt, i.ParentId })
            .ToListAsync(ct).ConfigureAwait(false);
        if (instances.Count == 0)
        {
            return ([], [], [], []);
        }

        var ids = instances.Select(i => i.Id).ToList();
        var versions = instances.ToDictionary(i => i.Id, i => (i.ProcessId, i.Version), StringComparer.Ordinal);
        foreach (var (processId, version) in versions.Values.Distinct())
        {
            await runtime.EnsureAsync(db, processId, version, ct).ConfigureAwait(false);
        }

        var journeys = instances.OrderBy(i => i.StartedAt).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new CaseJourney(i.Id, i.ProcessId, ProcessName(i.ProcessId, i.Version), i.Status, i.StartedAt, i.EndedAt, i.ParentId))
            .ToList();

        var taskRows = await db.Tasks.AsNoTracking().Include(t => t.Candidates)
            .Where(t => ids.Contains(t.InstanceId) && t.Status == TaskStatuses.Open)
            .ToListAsync(ct).ConfigureAwait(false);
        var tasks = taskRows
            .OrderBy(t => t.Due is null ? 1 : 0).ThenBy(t => t.Due).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new CaseOpenTask(t.Id, t.InstanceId, t.ProcessId, t.ElementId, t.Name ?? ElementName(versions, t.InstanceId, t.ElementId), t.CreatedAt, t.Due, t.Assignee,
                [.. t.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name).Order(StringComparer.Ordinal)], t.Due is { } due && due < now))
            .ToList();

        var timerRows = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId != null && ids.Contains(t.InstanceId) && t.Status == TimerStatuses.Pending)
            .ToListAsync(ct).ConfigureAwait(false);
        var deadlines = timerRows.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new CaseDeadline(t.Id, t.InstanceId!, t.ProcessId, t.ElementId, ElementName(versions, t.InstanceId!, t.ElementId), t.DueAt, t.Cycle is not null || t.Repetitions != 0))
            .ToList();

        var types = Kinds.Keys.ToList();
        var historyRows = await db.History.AsNoTracking()
            .Where(h => h.InstanceId != null && ids.Contains(h.InstanceId) && types.Contains(h.Type))
            .OrderByDescending(h => h.Sequence).Take(historyLimit)
            .ToListAsync(ct).ConfigureAwait(false);
        var history = historyRows.Select(h => Entry(h, versions)).ToList();
        return (journeys, tasks, deadlines, history);
    }

    private CaseTimelineEntry Entry(HistoryRecord h, Dictionary<string, (string ProcessId, int Version)> versions)
    {
        var detail = h.Detail is null ? null : JsonNode.Parse(h.Detail) as JsonObject;
        var kind = Kinds[h.Type];
        var (processId, version) = versions[h.InstanceId!];
        var element = h.ElementId is null ? null : ElementName(versions, h.InstanceId!, h.ElementId);
        string? subject = kind switch
        {
            CaseTimelineKinds.JourneyStarted or CaseTimelineKinds.JourneyCompleted or CaseTimelineKinds.JourneyCancelled => ProcessName(processId, version),

            // The message's name, never its correlation key (a case id) or payload.
            CaseTimelineKinds.MessageReceived => Text(detail, "name") ?? element,
            _ => element,
        };
        string? more = kind switch
        {
            CaseTimelineKinds.TaskEscalated => Text(detail, "name"),

            // The error code a designer drew (FACILITY_FULL); an incident's own message may name variables and stays in supervision.
            CaseTimelineKinds.BusinessError => Text(detail, "detail"),
            _ => null,
        };
        return new CaseTimelineEntry(h.At, kind, subject, more, null, h.UserId, h.InstanceId, ProcessName(processId, version));
    }

    private static string? Text(JsonObject? detail, string key) =>
        detail?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private string? ProcessName(string processId, int version) =>
        runtime.Definitions.Find(processId, version)?.Definition.Name ?? processId;

    private string ElementName(Dictionary<string, (string ProcessId, int Version)> versions, string instanceId, string elementId)
    {
        if (!versions.TryGetValue(instanceId, out var v))
        {
            return elementId;
        }

        var definition = runtime.Definitions.Find(v.ProcessId, v.Version)?.Definition;
        return definition is not null && definition.AllElements.TryGetValue(elementId, out var element) && !string.IsNullOrWhiteSpace(element.Name)
            ? element.Name
            : elementId;
    }
}
