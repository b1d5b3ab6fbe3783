using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// The workflow core's reads of instance data, as one person may see them: <see cref="WorkflowService"/>'s answer with
/// every sensitive variable they do not read replaced by a <see cref="SensitiveMarker"/> — in the variables, in the
/// history's variable values, and as <see cref="SensitiveMarker.Text"/> wherever a hidden value recurs in free text
/// (incident messages, correlation keys, details). The API's instance, history and incident answers are these; a page
/// that shows instance data calls them too.
/// </summary>
public sealed class GuardedWorkflowReads(WorkflowService workflows, SensitiveDataGuard guard, OrchestratorDbContext db)
{
    /// <summary><see cref="WorkflowService.GetInstanceAsync"/> as <paramref name="actor"/> may see it (the sensitive read is audited).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<InstanceView> GetInstanceAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        var view = await workflows.GetInstanceAsync(instanceId, actor, ct).ConfigureAwait(false);
        var hidden = guard.HiddenValues(view.Variables, actor);
        var variables = await guard.RedactVariablesAsync(view.Variables, actor, instanceId, "instance", ct).ConfigureAwait(false);
        return view with
        {
            Variables = variables,
            Incidents = [.. view.Incidents.Select(i => i with { Message = SensitiveDataGuard.Scrub(i.Message, hidden) })],
        };
    }

    /// <summary><see cref="WorkflowService.GetHistoryAsync"/> as <paramref name="actor"/> may see it (the sensitive read is audited).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        var entries = await workflows.GetHistoryAsync(instanceId, actor, ct).ConfigureAwait(false);

        // What must not recur anywhere: the hidden values the instance holds now and every one it held (variable events).
        var held = await VariablesOfAsync(instanceId, ct).ConfigureAwait(false) ?? [];
        var hidden = new HashSet<string>(guard.HiddenValues(held, actor), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (VariableOf(entry) is { } variable)
            {
                hidden.UnionWith(guard.HiddenValues(variable, actor));
            }
        }

        var shown = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<HistoryEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Detail is not { } detail)
            {
                result.Add(entry);
                continue;
            }

            var copy = detail.DeepClone().AsObject();
            if (VariableOf(entry) is { } variable)
            {
                var name = variable.Single().Key;
                var redacted = guard.RedactVariables(variable, actor, out var seen);
                copy["value"] = redacted[name]?.DeepClone();
                shown.UnionWith(seen);
            }

            foreach (var key in copy.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _)).Select(p => p.Key).ToList())
            {
                copy[key] = SensitiveDataGuard.Scrub(copy[key]!.GetValue<string>(), hidden);
            }

            result.Add(entry with { Detail = copy });
        }

        await guard.AuditAsync(instanceId, instanceId, [.. shown.Order(StringComparer.Ordinal)], actor, "history", ct).ConfigureAwait(false);
        return result;
    }

    /// <summary><see cref="WorkflowService.ListIncidentsAsync"/> with every value <paramref name="actor"/> may not see taken out of the messages.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var incidents = await workflows.ListIncidentsAsync(ct).ConfigureAwait(false);
        var hiddenByInstance = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var result = new List<IncidentView>(incidents.Count);
        foreach (var incident in incidents)
        {
            if (!hiddenByInstance.TryGetValue(incident.InstanceId, out var hidden))
            {
                hidden = guard.HiddenValues(await VariablesOfAsync(incident.InstanceId, ct).ConfigureAwait(false) ?? [], actor);
                hiddenByInstance[incident.InstanceId] = hidden;
            }

            result.Add(incident with { Message = SensitiveDataGuard.Scrub(incident.Message, hidden) });
        }

        return result;
    }

    /// <summary>The variable a <c>VariableCreated</c>/<c>VariableUpdated</c> entry records, as <c>{name: value}</c>.</summary>
    private static JsonObject? VariableOf(HistoryEntry entry) =>
        entry.Type is nameof(HistoryEventType.VariableCreated) or nameof(HistoryEventType.VariableUpdated)
        && entry.Detail?["name"] is JsonValue name && name.TryGetValue<string>(out var text)
            ? new JsonObject { [text] = entry.Detail["value"]?.DeepClone() }
            : null;

    private async Task<JsonObject?> VariablesOfAsync(string instanceId, CancellationToken ct)
    {
        var state = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.State).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return state is null ? null : ProcessInstanceState.FromJson(state).Variables;
    }
}
