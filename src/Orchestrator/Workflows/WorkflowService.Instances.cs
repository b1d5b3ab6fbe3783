using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

// The instance commands and reads of the workflow core: start, view, history, cancel, set variables.
public sealed partial class WorkflowService
{
    /// <summary>Starts an instance of the latest version.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="variables">Initial variables.</param>
    /// <param name="businessKey">The business key.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="WorkflowNotFoundException">No such process is deployed.</exception>
    public Task<string> StartAsync(string processId, JsonObject? variables, string? businessKey, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(processId);
        ArgumentNullException.ThrowIfNull(actor);
        if (businessKey is { Length: > OrchestratorModel.NameLength })
        {
            throw new ArgumentException($"The business key may have at most {OrchestratorModel.NameLength} characters.", nameof(businessKey));
        }

        return ExecuteAsync(actor, async u =>
        {
            var version = await _runtime.LatestVersionAsync(_db, processId, ct).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"No process '{processId}' is deployed.");
            var id = CommandUnit.NewInstanceId();
            await u.RunAsync(null, new StartInstance(processId)
            {
                InstanceId = id,
                Version = version,
                Variables = variables?.DeepClone().AsObject(),
                BusinessKey = businessKey,
                UserId = actor.Id,
            }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.Started(_logger, id, processId, version);
            return id;
        }, ct);
    }

    /// <summary>An instance: status, active elements, variables, open incidents (the read is audited).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<InstanceView> GetInstanceAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await _db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        await AuditReadAsync(instanceId, "InstanceRead", actor, ct).ConfigureAwait(false);
        var state = ProcessInstanceState.FromJson(row.State);
        var incidents = WorkflowEngine.GetIncidents(state)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.ElementId, i.Type, i.Message, i.Created) { ProcessId = state.ProcessId })
            .ToList();
        return new InstanceView(row.Id, row.ProcessId, row.Version, row.BusinessKey, row.Status, WorkflowEngine.GetActiveElements(state), state.Variables, incidents)
        {
            StartedAt = row.StartedAt,
            EndedAt = row.EndedAt,
            ParentId = row.ParentId,
        };
    }

    /// <summary>The audit trail of an instance, oldest first (the read is audited too).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!await _db.Instances.AnyAsync(i => i.Id == instanceId, ct).ConfigureAwait(false))
        {
            throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        }

        await AuditReadAsync(instanceId, "HistoryRead", actor, ct).ConfigureAwait(false);
        var rows = await _db.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Sequence).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(h => new HistoryEntry(h.Sequence, h.At, h.Type, h.ElementId, h.UserId, h.Detail is null ? null : JsonNode.Parse(h.Detail) as JsonObject)
        {
            InstanceId = instanceId,
            ItemId = h.ItemId,
        })];
    }

    /// <summary>Cancels an instance and its called children.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="actor">Who cancels.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">The instance has ended.</exception>
    public Task CancelAsync(string instanceId, Actor actor, CancellationToken ct) => CancelAsync(instanceId, null, actor, ct);

    /// <summary>Cancels an instance and its called children, with the reason the person gave (kept in the history).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why (at most 1,000 characters); <c>null</c> records only who cancelled.</param>
    /// <param name="actor">Who cancels.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">The reason is longer than 1,000 characters.</exception>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">The instance has ended.</exception>
    public Task CancelAsync(string instanceId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (reason?.Length > MaxCancelReasonLength)
        {
            throw new ArgumentException($"reason: at most {MaxCancelReasonLength} characters.", nameof(reason));
        }

        var recorded = string.IsNullOrWhiteSpace(reason) ? "cancelled by " + actor.DisplayName : reason.Trim();
        return ExecuteAsync(actor, async u =>
        {
            await u.RunAsync(instanceId, new CancelInstance { UserId = actor.Id, Reason = recorded }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            WorkflowLog.Cancelled(_logger, instanceId, actor.Id);
            return true;
        }, ct);
    }

    /// <summary>
    /// Sets process variables of an active instance from outside the flow, as an operator repairs the data an incident
    /// needs before retrying it. One transaction; the history records every variable set (name, value and who) and one
    /// <c>VariablesSet</c> entry naming them all.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="variables">The variables (at least one); each replaces the process-scope value of that name.</param>
    /// <param name="actor">Who sets them.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">No variable given.</exception>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowConflictException">The instance has ended.</exception>
    public Task SetInstanceVariablesAsync(string instanceId, JsonObject variables, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(actor);
        if (variables.Count == 0)
        {
            throw new ArgumentException("variables: give at least one variable to set.", nameof(variables));
        }

        return ExecuteAsync(actor, async u =>
        {
            await u.RunAsync(instanceId, new SetInstanceVariables(variables.DeepClone().AsObject()) { UserId = actor.Id }).ConfigureAwait(false);
            var names = new JsonArray([.. variables.Select(v => (JsonNode?)JsonValue.Create(v.Key))]);
            _db.History.Add(new HistoryRecord
            {
                InstanceId = instanceId,
                At = u.Now,
                Type = "VariablesSet",
                UserId = Limit(actor.Id, OrchestratorModel.NameLength),
                Detail = new JsonObject { ["names"] = names }.ToJsonString(),
            });
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct);
    }
}
