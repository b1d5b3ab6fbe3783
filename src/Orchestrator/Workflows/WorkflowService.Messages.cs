using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

// Messages and incidents in the workflow core: correlate a message, list and retry incidents.
public sealed partial class WorkflowService
{
    /// <summary>
    /// Correlates a message to every instance waiting for it (name, and key when the subscription has one); when none
    /// waits, starts the processes whose latest version has a message start event of that name. A message nobody
    /// waits for is not buffered: the result is empty.
    /// </summary>
    /// <param name="name">The message name.</param>
    /// <param name="correlationKey">The correlation key.</param>
    /// <param name="variables">The payload.</param>
    /// <param name="actor">Who sends it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The instances that took it or were started by it.</returns>
    public Task<IReadOnlyList<string>> CorrelateMessageAsync(string name, string? correlationKey, JsonObject? variables, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(actor);
        return ExecuteAsync<IReadOnlyList<string>>(actor, async u =>
        {
            var result = await u.PublishAsync(name, correlationKey, variables).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            return result;
        }, ct);
    }

    /// <summary>The open incidents, oldest first.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(CancellationToken ct)
    {
        var rows = await _db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatuses.Open)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Type, i.Message, i.CreatedAt) { ProcessId = i.ProcessId })];
    }

    /// <summary>Resolves an incident and continues where it stopped (a failed job gets a new attempt).</summary>
    /// <param name="incidentId">The incident id.</param>
    /// <param name="actor">Who retries.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such incident.</exception>
    /// <exception cref="WorkflowConflictException">It is already resolved.</exception>
    public Task RetryIncidentAsync(string incidentId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExecuteAsync(actor, async u =>
        {
            if (ProcessInstanceState.InstanceIdOf(incidentId) is { } owner)
            {
                await u.TryLoadAsync(owner).ConfigureAwait(false);
            }

            var incident = await _db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"No incident '{incidentId}'.");
            if (incident.Status != IncidentStatuses.Open)
            {
                throw new WorkflowConflictException($"Incident {incidentId} is already resolved.");
            }

            await u.RunAsync(incident.InstanceId, new RetryIncident(incidentId)).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.IncidentRetried(_logger, incidentId, incident.InstanceId, actor.Id);
            return true;
        }, ct);
    }
}
