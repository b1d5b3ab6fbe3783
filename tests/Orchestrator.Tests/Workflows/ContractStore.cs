using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Tests.Workflows;

/// <summary>
/// A store of running instances as <see cref="InstanceStoreContractTests"/> drives it: the durable service on a
/// database (<see cref="ServiceContractStore"/>) or the engine's in-memory runtime (<see cref="InMemoryContractStore"/>,
/// what <c>simulate</c> runs on). Every operation is one the store's users (the API, the scheduler, simulate) rely
/// on; what is particular to a store (rows, transactions, leases) stays in that store's own tests.
/// </summary>
public abstract class ContractStore : IAsyncDisposable
{
    /// <summary>The clock both stores start at.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The job handlers of the store's service tasks.</summary>
    public abstract JobHandlerRegistry Handlers { get; }

    /// <summary>The store's current time.</summary>
    public abstract DateTimeOffset Now { get; }

    /// <summary>Deploys a file of <c>Workflows/Fixtures</c>, or its text changed by <paramref name="change"/>.</summary>
    public abstract Task<IReadOnlyList<(string ProcessId, int Version, bool Created)>> DeployAsync(string fixture, Func<string, string>? change = null);

    /// <summary>Starts an instance of the latest version.</summary>
    public abstract Task<string> StartAsync(string processId, JsonObject? variables = null, string? businessKey = null);

    /// <summary>The open user tasks of every instance, in creation order.</summary>
    public abstract Task<IReadOnlyList<OpenTask>> OpenTasksAsync();

    /// <summary>Completes a task; <c>false</c> when it is not open (any more), and then nothing changed.</summary>
    public abstract Task<bool> TryCompleteAsync(string taskId, JsonObject? variables = null);

    /// <summary>An instance as its users see it.</summary>
    public abstract Task<InstanceSummary> InstanceAsync(string instanceId);

    /// <summary>The history event types of an instance, in order (<c>TaskCompleted</c>, <c>TimerFired</c>…).</summary>
    public abstract Task<IReadOnlyList<string>> HistoryAsync(string instanceId);

    /// <summary>Publishes a message; the instances that took it (or that it started).</summary>
    public abstract Task<IReadOnlyList<string>> CorrelateAsync(string name, string? correlationKey, JsonObject? variables = null);

    /// <summary>Pending timers, instance timers and timer start events alike, in due order.</summary>
    public abstract Task<IReadOnlyList<PendingTimerRow>> PendingTimersAsync();

    /// <summary>Sets the clock to the timer's due time and fires it; <c>false</c> when it is not pending (fired, cancelled, unknown).</summary>
    public abstract Task<bool> FireTimerAsync(string timerId);

    /// <summary>Moves the clock on and runs what falls due on the way (job back-offs, timers), as the host's scheduler does.</summary>
    public abstract Task AdvanceAsync(TimeSpan by);

    /// <summary>Open incidents.</summary>
    public abstract Task<IReadOnlyList<IncidentRow>> IncidentsAsync();

    /// <summary>Retries an incident.</summary>
    public abstract Task RetryIncidentAsync(string incidentId);

    /// <summary>Cancels an instance; <c>false</c> when it has already ended.</summary>
    public abstract Task<bool> TryCancelAsync(string instanceId);

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <summary>An open user task.</summary>
    public sealed record OpenTask(string Id, string InstanceId, string ElementId, IReadOnlyList<string> CandidateGroups, DateTimeOffset? Due);

    /// <summary>An instance: its status (<c>active</c>, <c>completed</c>, <c>cancelled</c>, <c>terminated</c>), what it waits at, its variables.</summary>
    public sealed record InstanceSummary(string ProcessId, int Version, string Status, IReadOnlyList<string> Active, JsonObject Variables, string? ParentId);

    /// <summary>A pending timer; <see cref="InstanceId"/> is null for a timer start event.</summary>
    public sealed record PendingTimerRow(string Id, string? InstanceId, DateTimeOffset Due);

    /// <summary>An open incident.</summary>
    public sealed record IncidentRow(string Id, string InstanceId, string ElementId, string Type, string Message);
}
