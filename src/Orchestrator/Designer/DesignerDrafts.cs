using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Designer;

/// <summary>
/// Drafts on the server, one per process, shared by every designer: started from a deployed version, a new diagram or
/// a file from disk; saved whole (the page autosaves) with optimistic concurrency: a save names the revision its copy
/// was loaded at, and a save from an older copy is refused with <see cref="DraftConflictException"/> (409) so that the
/// designer reloads instead of overwriting another person's work. A file that is hostile or not BPMN is refused with
/// the parser's reason and nothing is saved.
/// </summary>
public sealed class DesignerDrafts(OrchestratorDbContext db, DesignerCatalog catalog, TimeProvider time)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Every draft.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DraftSummary>> ListAsync(CancellationToken ct) =>
        (await db.Set<DesignerDraftRecord>().AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(d => d.ProcessId, StringComparer.Ordinal).Select(Summary).ToList();

    /// <summary>The draft of a process, or <c>null</c>.</summary>
    /// <param name="processId">The process.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DraftView?> GetAsync(string processId, CancellationToken ct)
    {
        var row = await db.Set<DesignerDraftRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == processId, ct).ConfigureAwait(false);
        return row is null ? null : View(row);
    }

    /// <summary>
    /// The draft of a process; when there is none, one is started from its latest deployed version (with that version's
    /// scenarios).
    /// </summary>
    /// <param name="processId">The process.</param>
    /// <param name="actor">Who opens it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">There is neither a draft nor a deployed version.</exception>
    public async Task<DraftView> OpenAsync(string processId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await GetAsync(processId, ct).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var latest = await catalog.LatestVersionAsync(processId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"There is no process '{processId}' and no draft of it.");
        var content = (await catalog.GetVersionAsync(processId, latest, ct).ConfigureAwait(false))!;
        return await CreateAsync(processId, content.Xml, [], content.Scenarios, latest, actor, ct).ConfigureAwait(false);
    }

    /// <summary>Starts a draft from a deployed version (to change it, or to roll back to it through a deploy).</summary>
    /// <param name="processId">The process.</param>
    /// <param name="version">The version.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    /// <exception cref="DraftConflictException">There is a draft already (open it or discard it first).</exception>
    public async Task<DraftView> StartFromVersionAsync(string processId, int version, Actor actor, CancellationToken ct)
    {
        var content = await catalog.GetVersionAsync(processId, version, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Process '{processId}' has no version {version}.");
        return await CreateAsync(processId, content.Xml, [], content.Scenarios, version, actor, ct).ConfigureAwait(false);
    }

    /// <summary>Starts a draft of a new, empty process (one start event).</summary>
    /// <param name="processId">The new process id (an XML name: a letter or '_', then letters, digits, '-', '_', '.').</param>
    /// <param name="name">The process's name.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DesignerInputException">The id is not usable, or a process or draft has it.</exception>
    public async Task<DraftView> StartNewAsync(string processId, string? name, Actor actor, CancellationToken ct)
    {
        processId = (processId ?? string.Empty).Trim();
        if (!IsProcessId(processId))
        {
            throw new DesignerInputException("The process id must start with a letter and hold only letters, digits, '-', '_' or '.' (at most 200).",
                [new("processId", "invalid-process-id", $"'{processId}' is not a usable process id.", DesignerProblem.Error)]);
        }

        if (await catalog.LatestVersionAsync(processId, ct).ConfigureAwait(false) is not null)
        {
            throw new DesignerInputException($"A process '{processId}' is deployed already; open it instead.",
                [new("processId", "process-exists", $"A process '{processId}' is deployed already; open it instead.", DesignerProblem.Error)]);
        }

        return await CreateAsync(processId, NewDiagram(processId, string.IsNullOrWhiteSpace(name) ? processId : name.Trim()), [], [], null, actor, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a draft from a file opened from disk. The file is read with the engine's hardened XML reader: a file with
    /// a DTD or entities (external entities, entity expansion), over the size limit, not XML or not BPMN is refused with
    /// the reason and nothing is saved. The draft is for the file's first executable process (else its first process).
    /// </summary>
    /// <param name="xml">The file's content.</param>
    /// <param name="fileName">The file's name.</param>
    /// <param name="actor">Who opens it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DesignerInputException">The file cannot be used.</exception>
    /// <exception cref="DraftConflictException">There is a draft of that process already.</exception>
    public async Task<DraftView> StartFromFileAsync(string xml, string fileName, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var parsed = BpmnParser.Parse(xml, fileName);
        var fatal = parsed.Problems.Where(p => p.ElementId == BpmnProblem.FileLevel && p.Severity == ProblemSeverity.Error).ToList();
        if (parsed.Definitions is null || fatal.Count > 0)
        {
            var problems = fatal.Count > 0 ? fatal : parsed.Problems.ToList();
            throw new DesignerInputException($"{fileName} cannot be opened: {string.Join(" ", problems.Select(p => p.Message))}", [.. problems.Select(DesignerProblem.From)]);
        }

        var process = parsed.Definitions.Processes.FirstOrDefault(p => p.IsExecutable) ?? (parsed.Definitions.Processes.Count > 0 ? parsed.Definitions.Processes[0] : null)
            ?? throw new DesignerInputException($"{fileName} has no process to open.", [new(BpmnProblem.FileLevel, "no-process", $"{fileName} has no process.", DesignerProblem.Error)]);
        var deployed = await catalog.LatestVersionAsync(process.Id, ct).ConfigureAwait(false);
        var scenarios = deployed is { } v ? (await catalog.GetVersionAsync(process.Id, v, ct).ConfigureAwait(false))!.Scenarios : [];
        return await CreateAsync(process.Id, xml, [], scenarios, deployed, actor, ct).ConfigureAwait(false);
    }

    /// <summary>Saves a draft whole (creates it with revision 0).</summary>
    /// <param name="processId">The process.</param>
    /// <param name="save">The draft and the revision its copy was loaded at.</param>
    /// <param name="actor">Who saves.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The saved draft's summary (its new revision).</returns>
    /// <exception cref="DraftConflictException">The copy is older than the draft (or the draft is gone, or was created meanwhile).</exception>
    /// <exception cref="DesignerInputException">The XML is hostile, not XML, or not BPMN.</exception>
    public async Task<DraftSummary> SaveAsync(string processId, DraftSave save, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(actor);
        CheckReadable(save.Xml ?? string.Empty, processId + ".bpmn");
        if (save.Revision == 0)
        {
            var created = await CreateAsync(processId, save.Xml!, save.Forms ?? [], save.Scenarios ?? [], save.BaseVersion, actor, ct).ConfigureAwait(false);
            return new DraftSummary(created.ProcessId, created.Revision, created.BaseVersion, created.UpdatedBy, created.UpdatedAt);
        }

        var row = await db.Set<DesignerDraftRecord>().SingleOrDefaultAsync(d => d.ProcessId == processId, ct).ConfigureAwait(false);
        if (row is null)
        {
            throw new DraftConflictException($"The draft of '{processId}' no longer exists (it was deployed or discarded).", current: null);
        }

        if (row.Revision != save.Revision)
        {
            throw Conflict(row);
        }

        row.Xml = save.Xml!;
        row.Forms = (save.Forms ?? []).ToJsonString(Compact);
        row.Scenarios = (save.Scenarios ?? []).ToJsonString(Compact);
        row.Revision++;
        row.UpdatedBy = Limit(actor.DisplayName);
        row.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.Set<DesignerDraftRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == processId, ct).ConfigureAwait(false);
            throw now is null ? new DraftConflictException($"The draft of '{processId}' no longer exists.", current: null) : Conflict(now);
        }

        return Summary(row);
    }

    /// <summary>Discards a draft (the copy's revision must be current).</summary>
    /// <param name="processId">The process.</param>
    /// <param name="revision">The revision of the copy being discarded.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Whether there was a draft.</returns>
    /// <exception cref="DraftConflictException">Someone saved the draft since.</exception>
    public async Task<bool> DiscardAsync(string processId, int revision, CancellationToken ct)
    {
        var row = await db.Set<DesignerDraftRecord>().SingleOrDefaultAsync(d => d.ProcessId == processId, ct).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        if (row.Revision != revision)
        {
            throw Conflict(row);
        }

        db.Remove(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Refuses XML the hardened reader refuses (DTDs, entities, size, not XML, not BPMN) with the reason.</summary>
    /// <param name="xml">The XML.</param>
    /// <param name="fileName">The name the problems name.</param>
    /// <exception cref="DesignerInputException">The XML cannot be kept.</exception>
    public static void CheckReadable(string xml, string fileName)
    {
        var parsed = BpmnParser.Parse(xml, fileName);
        if (parsed.Definitions is null)
        {
            throw new DesignerInputException($"{fileName} cannot be read: {string.Join(" ", parsed.Problems.Select(p => p.Message))}", [.. parsed.Problems.Select(DesignerProblem.From)]);
        }
    }

    /// <summary>Whether a text is usable as a process id (an XML NCName of at most 200 characters, ASCII).</summary>
    /// <param name="id">The text.</param>
    public static bool IsProcessId(string id) =>
        id.Length is > 0 and <= OrchestratorModel.NameLength && (char.IsAsciiLetter(id[0]) || id[0] == '_')
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private async Task<DraftView> CreateAsync(string processId, string xml, JsonObject forms, JsonObject scenarios, int? baseVersion, Actor actor, CancellationToken ct)
    {
        if (!IsProcessId(processId))
        {
            throw new DesignerInputException($"'{processId}' is not a usable process id.", [new("processId", "invalid-process-id", $"'{processId}' is not a usable process id.", DesignerProblem.Error)]);
        }

        var row = new DesignerDraftRecord
        {
            ProcessId = processId,
            BaseVersion = baseVersion,
            Xml = xml,
            Forms = forms.ToJsonString(Compact),
            Scenarios = scenarios.ToJsonString(Compact),
            Revision = 1,
            CreatedBy = Limit(actor.DisplayName),
            UpdatedBy = Limit(actor.DisplayName),
            UpdatedAt = time.GetUtcNow(),
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.Set<DesignerDraftRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == processId, ct).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            throw new DraftConflictException($"There is a draft of '{processId}' already, saved by {existing.UpdatedBy}; open it or discard it first.", Summary(existing));
        }

        return View(row);
    }

    private static DraftConflictException Conflict(DesignerDraftRecord row) =>
        new($"The draft of '{row.ProcessId}' was saved by {row.UpdatedBy} at {row.UpdatedAt:u} (revision {row.Revision}) after your copy was loaded. Reload it to see their changes; yours were not saved.", Summary(row));

    private static DraftSummary Summary(DesignerDraftRecord row) => new(row.ProcessId, row.Revision, row.BaseVersion, row.UpdatedBy, row.UpdatedAt);

    private static DraftView View(DesignerDraftRecord row) =>
        new(row.ProcessId, row.BaseVersion, row.Xml, Object(row.Forms), Object(row.Scenarios), row.Revision, row.UpdatedBy, row.UpdatedAt);

    private static JsonObject Object(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    private static string Limit(string value) => ColumnText.Fit(value, OrchestratorModel.NameLength);

    private static string NewDiagram(string processId, string name)
    {
        var escapedName = System.Security.SecurityElement.Escape(name);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:orc="urn:orchestrator:bpmn:1.0" id="Definitions_{processId}" targetNamespace="urn:orchestrator:workflows">
              <bpmn:process id="{processId}" name="{escapedName}" isExecutable="true">
                <bpmn:startEvent id="StartEvent_1" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="Diagram_{processId}">
                <bpmndi:BPMNPlane id="Plane_{processId}" bpmnElement="{processId}">
                  <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                    <dc:Bounds x="180" y="160" width="36" height="36" />
                  </bpmndi:BPMNShape>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}
