namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The case file's own changes as timeline entries (events, plans, evaluations, tracing, opinions, documents), merged
/// with its journeys' history into one list, newest first.
/// </summary>
internal static class CaseTimelineBuilder
{
    /// <summary>One timeline of <paramref name="child"/>'s changes, <paramref name="documents"/> and the journeys' <paramref name="history"/>.</summary>
    /// <param name="child">The case file, with its collections loaded.</param>
    /// <param name="documents">Its documents.</param>
    /// <param name="history">Its journeys' history entries, newest first.</param>
    /// <param name="limit">At most this many entries (the newest).</param>
    /// <returns>The entries, newest first; <see cref="CaseTimelineEntry.By"/> still holds user ids.</returns>
    public static IReadOnlyList<CaseTimelineEntry> Build(ChildCase child, IReadOnlyList<CaseFileDocument> documents, IReadOnlyList<CaseTimelineEntry> history, int limit)
    {
        var entries = new List<CaseTimelineEntry>();
        foreach (var e in child.Events)
        {
            entries.Add(e.Type switch
            {
                CaseEventTypes.Opened => Own(e.At, CaseTimelineKinds.CaseOpened, null, null, e.UserId),
                CaseEventTypes.PhaseChanged => Own(e.At, CaseTimelineKinds.PhaseChanged, e.To, e.From, e.UserId, e.InstanceId, e.Detail),
                CaseEventTypes.PlacementAssigned => Own(e.At, CaseTimelineKinds.PlacementAssigned, e.To, e.From, e.UserId, e.InstanceId),
                CaseEventTypes.LeftShelter => Own(e.At, CaseTimelineKinds.LeftShelter, null, null, e.UserId, e.InstanceId, e.Detail),
                _ => Own(e.At, CaseTimelineKinds.CaseEvent, e.Type, e.To, e.UserId, e.InstanceId, e.Detail),
            });
        }

        entries.AddRange(child.RestitutionMeasures.Select(m => Own(m.CreatedAt, CaseTimelineKinds.MeasureAdded, m.Measure, null, null, null, m.RightConcerned)));
        foreach (var o in child.Objectives)
        {
            entries.Add(Own(o.CreatedAt, CaseTimelineKinds.ObjectiveAdded, o.Description, o.Programme, null));
            entries.AddRange(o.Activities.Select(a => Own(a.CreatedAt, CaseTimelineKinds.ActivityAdded, a.Description, null, null, null, o.Description)));
        }

        entries.AddRange(child.Evaluations.Select(e => Own(e.EvaluatedAt, CaseTimelineKinds.Evaluation, e.Progress, e.Kind, null, e.InstanceId)));
        entries.AddRange(child.FamilyTracing.Select(f => Own(f.RecordedAt, CaseTimelineKinds.Tracing, f.FamilyFound ? "found" : "not-found", f.FamilyLocation, f.RecordedBy, null, f.Notes)));
        entries.AddRange(child.Opinions.Select(o => Own(o.RecordedAt, CaseTimelineKinds.Opinion, o.Decision, null, o.RecordedBy, o.InstanceId)));
        entries.AddRange(documents.Select(d => d.Source == DocumentSources.Upload
            ? Own(d.CreatedAt, CaseTimelineKinds.DocumentUploaded, d.Title, d.Category, d.CreatedBy)
            : Own(d.CreatedAt, CaseTimelineKinds.LetterPrinted, d.Category, null, d.CreatedBy)));

        // Newest first. Several things often happen in one instant (one command): the file's opening is the oldest of
        // its instant, the journeys' steps follow in the order they were recorded, and the changes their steps made to
        // the file come last (newest).
        var ranked = entries.Select((entry, index) => (Entry: entry, Rank: entry.Kind == CaseTimelineKinds.CaseOpened ? 0 : 2, Order: (long)index))
            .Concat(history.Select((entry, index) => (Entry: entry, Rank: 1, Order: (long)(history.Count - index))));
        return [.. ranked
            .OrderByDescending(x => x.Entry.At)
            .ThenByDescending(x => x.Rank)
            .ThenByDescending(x => x.Order)
            .Take(limit)
            .Select(x => x.Entry)];
    }

    private static CaseTimelineEntry Own(DateTimeOffset at, string kind, string? subject, string? detail, string? by, string? instanceId = null, string? note = null) =>
        new(at, kind, subject, detail, note, by, instanceId, null);
}
