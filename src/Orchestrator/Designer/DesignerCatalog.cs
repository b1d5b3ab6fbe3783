using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;

namespace Orchestrator.Designer;

/// <summary>
/// What the designer lists and opens: the deployed processes with every version (who deployed it, when, how many of
/// its instances run), and a version with the forms and scenarios it was deployed with.
/// </summary>
public sealed class DesignerCatalog(OrchestratorDbContext db, DeployedForms forms)
{
    /// <summary>Every deployed process with its versions (newest first) and its draft; then drafts of processes never deployed.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ProcessSummary>> ListProcessesAsync(CancellationToken ct)
    {
        var definitions = await db.Definitions.AsNoTracking()
            .Select(d => new { d.ProcessId, d.Version, d.Name, d.DeployedBy, d.DeployedAt }).ToListAsync(ct).ConfigureAwait(false);
        var running = await db.Instances.AsNoTracking().Where(i => i.Status == "active")
            .GroupBy(i => new { i.ProcessId, i.Version }).Select(g => new { g.Key.ProcessId, g.Key.Version, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var drafts = (await db.Set<DesignerDraftRecord>().AsNoTracking()
                .Select(d => new { d.ProcessId, d.Revision, d.BaseVersion, d.UpdatedBy, d.UpdatedAt }).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(d => d.ProcessId, d => new DraftSummary(d.ProcessId, d.Revision, d.BaseVersion, d.UpdatedBy, d.UpdatedAt), StringComparer.Ordinal);
        var counts = running.ToDictionary(r => (r.ProcessId, r.Version), r => r.Count);
        var names = await NamesAsync(definitions.Select(d => d.DeployedBy), ct).ConfigureAwait(false);

        var result = definitions.GroupBy(d => d.ProcessId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProcessSummary(
                g.Key,
                g.MaxBy(d => d.Version)!.Name,
                [.. g.OrderByDescending(d => d.Version).Select(d => new VersionSummary(d.Version, names[d.DeployedBy], d.DeployedAt, counts.GetValueOrDefault((d.ProcessId, d.Version))))],
                drafts.GetValueOrDefault(g.Key)))
            .ToList();
        var deployed = result.Select(p => p.ProcessId).ToHashSet(StringComparer.Ordinal);
        result.AddRange(drafts.Values.Where(d => !deployed.Contains(d.ProcessId)).OrderBy(d => d.ProcessId, StringComparer.Ordinal)
            .Select(d => new ProcessSummary(d.ProcessId, null, [], d)));
        return result;
    }

    /// <summary>
    /// The user names of people by their ids (the core records who deployed by id); a program's or the system's id,
    /// which names no account, stands for itself.
    /// </summary>
    /// <param name="ids">The ids.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.UserName })
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct).ConfigureAwait(false);
        return wanted.ToDictionary(id => id, id => known.GetValueOrDefault(id, id), StringComparer.Ordinal);
    }

    /// <summary>The newest version of a process, or <c>null</c> when it was never deployed.</summary>
    /// <param name="processId">The process.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<int?> LatestVersionAsync(string processId, CancellationToken ct) =>
        db.Definitions.AsNoTracking().Where(d => d.ProcessId == processId).MaxAsync(d => (int?)d.Version, ct);

    /// <summary>A version as deployed: its XML, the forms it was deployed with and its scenarios; <c>null</c> when there is no such version.</summary>
    /// <param name="processId">The process.</param>
    /// <param name="version">The version.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<VersionContent?> GetVersionAsync(string processId, int version, CancellationToken ct)
    {
        var row = await db.Definitions.AsNoTracking().Where(d => d.ProcessId == processId && d.Version == version)
            .Select(d => new { d.Xml, d.DeployedBy, d.DeployedAt }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var formsOfVersion = new JsonObject();
        foreach (var (key, form) in (await forms.OfDefinitionAsync(processId, version, ct).ConfigureAwait(false)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            formsOfVersion[key] = JsonNode.Parse(form.Schema);
        }

        var deployedBy = (await NamesAsync([row.DeployedBy], ct).ConfigureAwait(false))[row.DeployedBy];
        return new VersionContent(processId, version, row.Xml, formsOfVersion, await ScenariosAsync(processId, version, ct).ConfigureAwait(false), deployedBy, row.DeployedAt);
    }

    /// <summary>The scenarios stored with a version (name → scenario).</summary>
    /// <param name="processId">The process.</param>
    /// <param name="version">The version.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<JsonObject> ScenariosAsync(string processId, int version, CancellationToken ct)
    {
        var rows = await db.Set<DefinitionScenarioRecord>().AsNoTracking().Where(s => s.ProcessId == processId && s.ProcessVersion == version)
            .ToListAsync(ct).ConfigureAwait(false);
        var result = new JsonObject();
        foreach (var row in rows.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            result[row.Name] = JsonNode.Parse(row.Content);
        }

        return result;
    }

    /// <summary>
    /// How many running instances of a process wait at each of the given elements (inside them, for a sub-process),
    /// and how many run per version: what a deploy that removes or changes those elements concerns. They keep the
    /// version they started with.
    /// </summary>
    /// <param name="request">The process and the elements.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DeployPreview> PreviewAsync(DeployPreviewRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var elements = (request.ElementIds ?? []).ToHashSet(StringComparer.Ordinal);
        var perElement = elements.ToDictionary(e => e, _ => 0, StringComparer.Ordinal);
        var perVersion = new SortedDictionary<int, int>();
        var waiting = 0;
        var states = db.Instances.AsNoTracking().Where(i => i.ProcessId == request.ProcessId && i.Status == "active")
            .Select(i => new { i.Version, i.State }).AsAsyncEnumerable();
        await foreach (var row in states.WithCancellation(ct).ConfigureAwait(false))
        {
            perVersion[row.Version] = perVersion.GetValueOrDefault(row.Version) + 1;
            if (elements.Count == 0)
            {
                continue;
            }

            var at = ProcessInstanceState.FromJson(row.State).Executions.Where(e => e.Parent is not null).Select(e => e.Element)
                .Where(elements.Contains).ToHashSet(StringComparer.Ordinal);
            foreach (var element in at)
            {
                perElement[element]++;
            }

            if (at.Count > 0)
            {
                waiting++;
            }
        }

        return new DeployPreview(
            request.ProcessId,
            await LatestVersionAsync(request.ProcessId, ct).ConfigureAwait(false),
            [.. perVersion.Select(v => new VersionCount(v.Key, v.Value))],
            [.. perElement.Where(e => e.Value > 0).OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => new ElementCount(e.Key, e.Value))],
            waiting);
    }
}
