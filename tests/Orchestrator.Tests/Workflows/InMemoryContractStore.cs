using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Tests.Workflows;

/// <summary>
/// The engine's in-memory store: <see cref="InMemoryWorkflowRuntime"/>, on which <c>simulate</c>, the engine tests and
/// the benchmark run. Its states go through JSON at every command (<see cref="SerializingInstanceStore"/>), as the
/// durable store's do.
/// </summary>
public sealed class InMemoryContractStore : ContractStore
{
    private readonly InMemoryWorkflowRuntime _runtime = new(new InMemoryRuntimeOptions { Start = Start, RoundTripState = true, CompleteUnknownJobs = false });

    /// <inheritdoc/>
    public override JobHandlerRegistry Handlers => _runtime.Handlers;

    /// <inheritdoc/>
    public override DateTimeOffset Now => _runtime.Clock.GetUtcNow();

    /// <inheritdoc/>
    public override Task<IReadOnlyList<(string ProcessId, int Version, bool Created)>> DeployAsync(string fixture, Func<string, string>? change = null)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "Fixtures", fixture));
        xml = change is null ? xml : change(xml);
        var before = _runtime.Definitions.LatestVersions().ToDictionary(d => d.ProcessId, d => d.Version, StringComparer.Ordinal);
        var deployed = _runtime.Deploy(xml, fixture);
        IReadOnlyList<(string, int, bool)> outcomes = [.. deployed.Select(d => (d.ProcessId, d.Version, !before.TryGetValue(d.ProcessId, out var v) || v != d.Version))];
        return Task.FromResult(outcomes);
    }

    /// <inheritdoc/>
    public override Task<string> StartAsync(string processId, JsonObject? variables = null, string? businessKey = null) =>
        Task.FromResult(_runtime.StartInstance(processId, variables, businessKey));

    /// <inheritdoc/>
    public override Task<IReadOnlyList<OpenTask>> OpenTasksAsync()
    {
        IReadOnlyList<OpenTask> tasks = [.. _runtime.OpenTasks().Select(t => new OpenTask(t.Id, t.InstanceId, t.ElementId, t.CandidateGroups, t.Due))];
        return Task.FromResult(tasks);
    }

    /// <inheritdoc/>
    public override Task<bool> TryCompleteAsync(string taskId, JsonObject? variables = null)
    {
        try
        {
            _runtime.CompleteTask(taskId, variables, "u-contract");
            return Task.FromResult(true);
        }
        catch (WorkflowCommandException e) when (e.Kind is CommandRejection.Conflict or CommandRejection.NotFound)
        {
            return Task.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public override Task<InstanceSummary> InstanceAsync(string instanceId)
    {
        var state = _runtime.GetInstance(instanceId);
        return Task.FromResult(new InstanceSummary(
            state.ProcessId, state.Version, state.Status.ToString().ToLowerInvariant(), _runtime.ActiveElements(instanceId),
            (JsonObject)state.Variables.DeepClone(), state.Parent?.InstanceId));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<string>> HistoryAsync(string instanceId)
    {
        IReadOnlyList<string> types = [.. _runtime.History.Where(h => h.InstanceId == instanceId).Select(h => h.Type.ToString())];
        return Task.FromResult(types);
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<string>> CorrelateAsync(string name, string? correlationKey, JsonObject? variables = null) =>
        Task.FromResult(_runtime.CorrelateMessage(name, correlationKey, variables));

    /// <inheritdoc/>
    public override Task<IReadOnlyList<PendingTimerRow>> PendingTimersAsync()
    {
        IReadOnlyList<PendingTimerRow> timers =
        [
            .. _runtime.PendingTimers.Select(t => new PendingTimerRow(t.Id, InMemoryWorkflowRuntime.InstanceOf(t.Id), t.Due))
                .Concat(_runtime.PendingStartTimers.Select(t => new PendingTimerRow(t.Id, null, t.Due)))
                .OrderBy(t => t.Due),
        ];
        return Task.FromResult(timers);
    }

    /// <inheritdoc/>
    public override async Task<bool> FireTimerAsync(string timerId)
    {
        var timer = (await PendingTimersAsync()).FirstOrDefault(t => t.Id == timerId);
        if (timer is null)
        {
            return false;
        }

        _runtime.Clock.SetUtcNow(timer.Due);
        _runtime.FireTimer(timerId);
        return true;
    }

    /// <inheritdoc/>
    public override Task AdvanceAsync(TimeSpan by)
    {
        _runtime.Advance(by);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<IncidentRow>> IncidentsAsync()
    {
        IReadOnlyList<IncidentRow> incidents = [.. _runtime.Incidents.Select(i => new IncidentRow(i.Id, i.InstanceId, i.ElementId, i.Type, i.Message))];
        return Task.FromResult(incidents);
    }

    /// <inheritdoc/>
    public override Task RetryIncidentAsync(string incidentId)
    {
        _runtime.RetryIncident(incidentId);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<bool> TryCancelAsync(string instanceId)
    {
        try
        {
            _runtime.CancelInstance(instanceId, "u-contract");
            return Task.FromResult(true);
        }
        catch (WorkflowCommandException e) when (e.Kind == CommandRejection.Conflict)
        {
            return Task.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
