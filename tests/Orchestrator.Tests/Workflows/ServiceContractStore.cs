using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Workflows;

/// <summary>The durable store: <see cref="WorkflowService"/> on a test database (SQLite or PostgreSQL), one scope per call.</summary>
public sealed class ServiceContractStore(WorkflowHarness harness) : ContractStore
{
    /// <summary>Acts with every role, so that the store's answers, not permissions, are under test.</summary>
    private static readonly Actor Anyone = new("u-contract", "Contract", new HashSet<string>(
        ["coordinator", "lawyer", "psychologist", "social-worker", "educator", "designer", "admin"], StringComparer.Ordinal));

    private static CancellationToken Ct => CancellationToken.None;

    /// <inheritdoc/>
    public override JobHandlerRegistry Handlers => harness.Handlers;

    /// <inheritdoc/>
    public override DateTimeOffset Now => harness.Clock.GetUtcNow();

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<(string ProcessId, int Version, bool Created)>> DeployAsync(string fixture, Func<string, string>? change = null)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "Fixtures", fixture));
        var outcomes = await harness.Service().DeployAsync(change is null ? xml : change(xml), fixture, Anyone, Ct);
        return [.. outcomes.Select(o => (o.ProcessId, o.Version, o.Created))];
    }

    /// <inheritdoc/>
    public override Task<string> StartAsync(string processId, JsonObject? variables = null, string? businessKey = null) =>
        harness.Service().StartAsync(processId, variables, businessKey, Anyone, Ct);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<OpenTask>> OpenTasksAsync() =>
        [.. (await harness.Service().ListTasksAsync(new TaskQuery(), Anyone, Ct))
            .OrderBy(t => t.Created)
            .Select(t => new OpenTask(t.Id, t.InstanceId, t.ElementId, t.CandidateGroups, t.Due))];

    /// <inheritdoc/>
    public override async Task<bool> TryCompleteAsync(string taskId, JsonObject? variables = null)
    {
        try
        {
            await harness.Service().CompleteAsync(taskId, variables, Anyone, Ct);
            return true;
        }
        catch (WorkflowConflictException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override async Task<InstanceSummary> InstanceAsync(string instanceId)
    {
        var view = await harness.Service().GetInstanceAsync(instanceId, Anyone, Ct);
        return new InstanceSummary(view.ProcessId, view.Version, view.Status, view.Active, view.Variables, view.ParentId);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<string>> HistoryAsync(string instanceId) =>
        [.. (await harness.Service().GetHistoryAsync(instanceId, Anyone, Ct)).OrderBy(h => h.Sequence).Select(h => h.Type)];

    /// <inheritdoc/>
    public override Task<IReadOnlyList<string>> CorrelateAsync(string name, string? correlationKey, JsonObject? variables = null) =>
        harness.Service().CorrelateMessageAsync(name, correlationKey, variables, Anyone, Ct);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<PendingTimerRow>> PendingTimersAsync() =>
        [.. (await harness.Service().ListPendingTimersAsync(1000, Ct)).OrderBy(t => t.Due).Select(t => new PendingTimerRow(t.Id, t.InstanceId, t.Due))];

    /// <inheritdoc/>
    public override async Task<bool> FireTimerAsync(string timerId)
    {
        var timer = (await PendingTimersAsync()).FirstOrDefault(t => t.Id == timerId);
        if (timer is not null)
        {
            harness.Clock.Set(timer.Due);
        }

        return await harness.Service().FireTimerAsync(timerId, Ct);
    }

    /// <inheritdoc/>
    public override async Task AdvanceAsync(TimeSpan by)
    {
        var until = Now + by;
        while (true)
        {
            // What the scheduler does on its own: fire due timers and run due jobs, in due order, up to the target.
            var timer = (await PendingTimersAsync()).FirstOrDefault(t => t.Due <= until);
            var job = (await harness.Service().ListPendingJobsAsync(1000, Ct)).Where(j => j.Due <= until).OrderBy(j => j.Due).FirstOrDefault();
            if (timer is null && job is null)
            {
                break;
            }

            if (timer is not null && (job is null || timer.Due <= job.Due))
            {
                harness.Clock.Set(timer.Due > Now ? timer.Due : Now);
                await harness.Service().FireTimerAsync(timer.Id, Ct);
            }
            else
            {
                harness.Clock.Set(job!.Due > Now ? job.Due : Now);
                await harness.Service().RunDueJobsAsync("contract-node", 1000, Ct);
            }
        }

        harness.Clock.Set(until);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<IncidentRow>> IncidentsAsync() =>
        [.. (await harness.Service().ListIncidentsAsync(Ct)).Select(i => new IncidentRow(i.Id, i.InstanceId, i.ElementId, i.Type, i.Message))];

    /// <inheritdoc/>
    public override Task RetryIncidentAsync(string incidentId) => harness.Service().RetryIncidentAsync(incidentId, Anyone, Ct);

    /// <inheritdoc/>
    public override async Task<bool> TryCancelAsync(string instanceId)
    {
        try
        {
            await harness.Service().CancelAsync(instanceId, Anyone, Ct);
            return true;
        }
        catch (WorkflowConflictException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => harness.DisposeAsync();
}
