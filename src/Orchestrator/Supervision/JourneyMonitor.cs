using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Supervision;

/// <summary>
/// Where every child's journey is (scoped): the deployed journeys with their running instances and incidents per
/// version, the instances waiting at each element of a version (the diagram's heat map), those instances one element
/// at a time, the instances of a case reference, an instance's pending timers and the path it took. Counts are
/// aggregate queries over indexes and the short <c>active_elements</c> column (<see cref="ActiveElementList"/>): no
/// instance's state document is read for them. The supervision pages and <c>/api/journeys</c> both use this service.
/// </summary>
public sealed class JourneyMonitor(OrchestratorDbContext db, WorkflowRuntime runtime, WorkflowService workflows, TimeProvider time)
{
    /// <summary>The largest page of waiting instances.</summary>
    public const int MaxPage = 500;

    /// <summary>The status of a running instance.</summary>
    public const string Active = "active";

    /// <summary>Every deployed journey with its versions, running instances and open incidents per version, by process id.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The journeys.</returns>
    public async Task<IReadOnlyList<JourneySummary>> ListJourneysAsync(CancellationToken ct)
    {
        var versions = await VersionsAsync(null, ct).ConfigureAwait(false);
        return [.. versions.GroupBy(v => v.ProcessId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new JourneySummary(g.Key, g.OrderByDescending(v => v.Summary.Version).First().Name, [.. g.Select(v => v.Summary).OrderByDescending(v => v.Version)]))];
    }

    /// <summary>
    /// One version of a journey with the number of running instances waiting at each element and the open incidents at
    /// each, in diagram order (only elements where something waits or failed).
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The version; <c>null</c> for the latest.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The overview.</returns>
    /// <exception cref="WorkflowNotFoundException">No such process or version.</exception>
    public async Task<JourneyOverview> GetOverviewAsync(string processId, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(processId);
        var versions = (await VersionsAsync(processId, ct).ConfigureAwait(false)).Select(v => v.Summary).OrderByDescending(v => v.Version).ToList();
        if (versions.Count == 0)
        {
            throw new WorkflowNotFoundException($"Process '{processId}' is not deployed.");
        }

        var shown = version ?? versions[0].Version;
        if (versions.All(v => v.Version != shown))
        {
            throw new WorkflowNotFoundException($"Process '{processId}' has no version {shown}.");
        }

        var process = await DefinitionAsync(processId, shown, ct).ConfigureAwait(false);
        var waiting = await CountWaitingAsync(processId, shown, ct).ConfigureAwait(false);
        var failed = await (from incident in db.Incidents.AsNoTracking()
                            where incident.ProcessId == processId && incident.Status == IncidentStatuses.Open
                            join instance in db.Instances.AsNoTracking() on incident.InstanceId equals instance.Id
                            where instance.Version == shown
                            group incident by incident.ElementId into g
                            select new { ElementId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.ElementId, x => x.Count, StringComparer.Ordinal, ct).ConfigureAwait(false);

        var elements = new List<ElementActivity>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in InDiagramOrder(process.Body))
        {
            var w = waiting.GetValueOrDefault(node.Id);
            var f = failed.GetValueOrDefault(node.Id);
            if ((w > 0 || f > 0) && listed.Add(node.Id))
            {
                elements.Add(new ElementActivity(node.Id, DeadlineNames.Label(node), node.Kind, w, f));
            }
        }

        // Anything counted at an id the diagram lacks still shows (it cannot happen with a consistent state).
        foreach (var id in waiting.Keys.Concat(failed.Keys).Where(id => !listed.Contains(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())
        {
            elements.Add(new ElementActivity(id, id, "", waiting.GetValueOrDefault(id), failed.GetValueOrDefault(id)));
        }

        return new JourneyOverview(processId, process.Name, shown, versions, elements);
    }

    /// <summary>The running instances of a version waiting at an element now, oldest first, a page at a time.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The version.</param>
    /// <param name="elementId">The element.</param>
    /// <param name="after">The previous page's <see cref="WaitingInstancePage.Next"/>, or <c>null</c>.</param>
    /// <param name="limit">At most this many (1 to <see cref="MaxPage"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">A bad limit or cursor (named).</exception>
    public async Task<WaitingInstancePage> ListWaitingAsync(string processId, int version, string elementId, string? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(processId);
        ArgumentNullException.ThrowIfNull(elementId);
        if (limit is < 1 or > MaxPage)
        {
            throw new ArgumentException($"limit: must be between 1 and {MaxPage} (was {limit}).", nameof(limit));
        }

        var token = ActiveElementList.Token(elementId);
        var query = db.Instances.AsNoTracking()
            .Where(i => i.Status == Active && i.ProcessId == processId && i.Version == version && i.ActiveElements!.Contains(token));
        if (after is not null)
        {
            var (at, keys) = PageCursor.Decode(after, 1);
            var id = keys[0];
#pragma warning disable CA1309 // string.Compare is translated to the database's "id > @id", in the database's order of ids
            query = query.Where(i => i.StartedAt > at || (i.StartedAt == at && string.Compare(i.Id, id) > 0));
#pragma warning restore CA1309
        }

        var rows = await query.OrderBy(i => i.StartedAt).ThenBy(i => i.Id).Take(limit + 1)
            .Select(i => new { i.Id, i.BusinessKey, i.StartedAt }).ToListAsync(ct).ConfigureAwait(false);
        var page = rows.Take(limit).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var failing = (await db.Incidents.AsNoTracking().Where(x => x.Status == IncidentStatuses.Open && x.ElementId == elementId && ids.Contains(x.InstanceId))
            .Select(x => x.InstanceId).ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var next = rows.Count > limit ? PageCursor.Encode(page[^1].StartedAt, page[^1].Id) : null;
        return new WaitingInstancePage([.. page.Select(r => new WaitingInstance(r.Id, r.BusinessKey, r.StartedAt, failing.Contains(r.Id)))], next);
    }

    /// <summary>
    /// The instances of a case reference (every journey and status), newest first. The search is audited
    /// (<c>InstancesSearched</c>, with the reference and who searched), as reading a case is.
    /// </summary>
    /// <param name="caseReference">The case reference (business key).</param>
    /// <param name="actor">Who searches.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The instances.</returns>
    /// <exception cref="ArgumentException">No reference, or one longer than a business key can be.</exception>
    public async Task<IReadOnlyList<InstanceFound>> FindByCaseReferenceAsync(string? caseReference, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var reference = caseReference?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            throw new ArgumentException("caseReference: give the case reference (for example CA-2026-0001).", nameof(caseReference));
        }

        if (reference.Length > OrchestratorModel.NameLength)
        {
            throw new ArgumentException($"caseReference: at most {OrchestratorModel.NameLength} characters.", nameof(caseReference));
        }

        // The row names the case file (when the reference is one) as a read of the file does, so the case's audit lists it.
        var caseId = await db.Set<ChildCase>().AsNoTracking().Where(c => c.Reference == reference).Select(c => c.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        db.History.Add(new HistoryRecord
        {
            At = time.GetUtcNow(),
            Type = "InstancesSearched",
            ItemId = caseId,
            UserId = Limit(actor.Id),
            Detail = new JsonObject { ["caseReference"] = reference }.ToJsonString(),
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        var rows = await db.Instances.AsNoTracking().Where(i => i.BusinessKey == reference)
            .Select(i => new InstanceFound(i.Id, i.ProcessId, i.Version, i.BusinessKey, i.Status, i.StartedAt, i.EndedAt, i.ParentId))
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.OrderByDescending(r => r.StartedAt).ThenBy(r => r.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>The open incidents, oldest first, with their case reference and the failed element's name.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The incidents.</returns>
    public async Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(CancellationToken ct)
    {
        var incidents = await workflows.ListIncidentsAsync(ct).ConfigureAwait(false);
        var ids = incidents.Select(i => i.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.BusinessKey, i.Version })
            .ToDictionaryAsync(i => i.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var result = new List<IncidentSummary>(incidents.Count);
        foreach (var incident in incidents)
        {
            var instance = instances.GetValueOrDefault(incident.InstanceId);
            var process = instance is null || incident.ProcessId is null ? null : await TryDefinitionAsync(incident.ProcessId, instance.Version, ct).ConfigureAwait(false);
            result.Add(new IncidentSummary(incident, instance?.BusinessKey, instance?.Version ?? 0, DeadlineNames.Element(process, incident.ElementId),
                process?.Name ?? incident.ProcessId ?? ""));
        }

        return result;
    }

    /// <summary>The pending timers of an instance, soonest first, each named in words.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The timers.</returns>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<PendingTimerView>> ListTimersAsync(string instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!await db.Instances.AnyAsync(i => i.Id == instanceId, ct).ConfigureAwait(false))
        {
            throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        }

        var rows = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TimerStatuses.Pending)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        var result = new List<PendingTimerView>(rows.Count);
        foreach (var t in rows)
        {
            var process = await TryDefinitionAsync(t.ProcessId, t.ProcessVersion, ct).ConfigureAwait(false);
            result.Add(new PendingTimerView(t.Id, t.ElementId, DeadlineNames.Timer(process, t.ElementId), t.DueAt));
        }

        return result;
    }

    /// <summary>
    /// The path an instance took: the elements that completed and the flows taken (<see cref="TakenFlows"/>), from its
    /// history, which is read through <see cref="WorkflowService.GetHistoryAsync"/> and so audited as a history read.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The path.</returns>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<InstancePath> PathAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var row = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.ProcessId, i.Version }).SingleOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        var history = await workflows.GetHistoryAsync(instanceId, actor, ct).ConfigureAwait(false);
        return TakenFlows.Derive(await DefinitionAsync(row.ProcessId, row.Version, ct).ConfigureAwait(false), history);
    }

    /// <summary>One deployed version's model (loaded into memory when this node has not yet).</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The version.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The process.</returns>
    /// <exception cref="WorkflowNotFoundException">It is not deployed.</exception>
    public async Task<ProcessDefinition> DefinitionAsync(string processId, int version, CancellationToken ct) =>
        await TryDefinitionAsync(processId, version, ct).ConfigureAwait(false)
        ?? throw new WorkflowNotFoundException($"Process '{processId}' has no version {version}.");

    private async Task<ProcessDefinition?> TryDefinitionAsync(string processId, int version, CancellationToken ct)
    {
        await runtime.EnsureAsync(db, processId, version, ct).ConfigureAwait(false);
        return runtime.Definitions.Find(processId, version)?.Definition;
    }

    /// <summary>
    /// Running instances of a version per element they wait at. A row written before <c>active_elements</c> existed has
    /// none yet: its state is read once, and the column is filled (only if no command changed the row meanwhile); a row
    /// waiting at more elements than the column holds (<see cref="ActiveElementList.Overflow"/>) is read from its state.
    /// </summary>
    private async Task<Dictionary<string, int>> CountWaitingAsync(string processId, int version, CancellationToken ct)
    {
        // One row per distinct value of the column, counted in the index (ix_process_instances_waiting): a journey's
        // instances wait in a few dozen combinations of places, however many instances there are. Ids and states are
        // read only for rows without a value.
        var groups = await db.Instances.AsNoTracking().Where(i => i.Status == Active && i.ProcessId == processId && i.Version == version)
            .GroupBy(i => i.ActiveElements).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.Key is not (null or ActiveElementList.Overflow)))
        {
            Count(counts, ActiveElementList.Parse(group.Key), group.Count);
        }

        if (groups.Any(g => g.Key is null or ActiveElementList.Overflow))
        {
            var unknown = await db.Instances.AsNoTracking()
                .Where(i => i.Status == Active && i.ProcessId == processId && i.Version == version && (i.ActiveElements == null || i.ActiveElements == ActiveElementList.Overflow))
                .Select(i => new { i.Id, i.RowVersion, i.ActiveElements, i.State }).ToListAsync(ct).ConfigureAwait(false);
            foreach (var row in unknown)
            {
                var active = WorkflowEngine.GetActiveElements(ProcessInstanceState.FromJson(row.State));
                Count(counts, active, 1);
                if (row.ActiveElements is null)
                {
                    var value = ActiveElementList.Format(active);
                    await db.Instances.Where(i => i.Id == row.Id && i.RowVersion == row.RowVersion && i.ActiveElements == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.ActiveElements, value), ct).ConfigureAwait(false);
                }
            }
        }

        return counts;

        static void Count(Dictionary<string, int> counts, IReadOnlyList<string> active, int instances)
        {
            foreach (var element in active)
            {
                counts[element] = counts.GetValueOrDefault(element) + instances;
            }
        }
    }

    private async Task<List<(string ProcessId, string? Name, JourneyVersionSummary Summary)>> VersionsAsync(string? processId, CancellationToken ct)
    {
        var definitions = db.Definitions.AsNoTracking();
        var instances = db.Instances.AsNoTracking().Where(i => i.Status == Active);
        var incidents = db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatuses.Open);
        if (processId is not null)
        {
            definitions = definitions.Where(d => d.ProcessId == processId);
            instances = instances.Where(i => i.ProcessId == processId);
            incidents = incidents.Where(i => i.ProcessId == processId);
        }

        var deployed = await definitions.Select(d => new { d.ProcessId, d.Version, d.Name, d.DeployedAt }).ToListAsync(ct).ConfigureAwait(false);
        var running = await instances.GroupBy(i => new { i.ProcessId, i.Version })
            .Select(g => new { g.Key.ProcessId, g.Key.Version, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var failed = await (from incident in incidents
                            join instance in db.Instances.AsNoTracking() on incident.InstanceId equals instance.Id
                            group incident by new { incident.ProcessId, instance.Version } into g
                            select new { g.Key.ProcessId, g.Key.Version, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var runningOf = running.ToDictionary(r => (r.ProcessId, r.Version), r => r.Count);
        var failedOf = failed.ToDictionary(r => (r.ProcessId, r.Version), r => r.Count);
        return [.. deployed.Select(d => (d.ProcessId, d.Name, new JourneyVersionSummary(d.Version, d.DeployedAt,
            runningOf.GetValueOrDefault((d.ProcessId, d.Version)), failedOf.GetValueOrDefault((d.ProcessId, d.Version)))))];
    }

    /// <summary>Every flow node of a scope, nested ones after their sub-process, in document order.</summary>
    private static IEnumerable<FlowNode> InDiagramOrder(FlowScope scope)
    {
        foreach (var node in scope.Nodes)
        {
            yield return node;
            if (node is SubProcess sub)
            {
                foreach (var inner in InDiagramOrder(sub.Body))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Limit(string value) => ColumnText.Fit(value, OrchestratorModel.NameLength);
}
