using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Tests.Workflows;

/// <summary>
/// What every store of running instances must do the same, run on the durable store (SQLite, PostgreSQL) and on the
/// engine's in-memory store, so that <c>simulate</c> and the engine tests (in memory) prove what the service (on a
/// database) does: deployment versions, tasks, completion and history, timers and cycles, messages and message
/// start events, jobs with back-off and incidents, call activities, cancellation, timer start events. What only a
/// database has (rows, transactions, leases, concurrent nodes) is in <see cref="StoreContractTests"/>.
/// </summary>
public abstract class InstanceStoreContractTests : IAsyncLifetime
{
    private ContractStore _store = null!;

    /// <summary>The store under test, empty, its clock at <see cref="ContractStore.Start"/>.</summary>
    protected abstract Task<ContractStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made beyond the store itself (a database).</summary>
    protected virtual Task ReleaseAsync() => Task.CompletedTask;

    private ContractStore S => _store;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await ReleaseAsync();
    }

    private async Task<string> StartReviewAsync(string caseId)
    {
        await S.DeployAsync("review.bpmn");
        return await S.StartAsync("Review", new JsonObject { ["caseId"] = caseId, ["child"] = "Ana" }, "case-" + caseId);
    }

    private async Task<ContractStore.OpenTask> OnlyTaskAsync(string instanceId) =>
        Assert.Single(await S.OpenTasksAsync(), t => t.InstanceId == instanceId);

    [Fact]
    public async Task Deploying_unchanged_content_keeps_the_version_a_change_makes_the_next_and_starts_use_the_latest()
    {
        Assert.Equal([("Review", 1, true)], await S.DeployAsync("review.bpmn"));
        Assert.Equal([("Review", 1, false)], await S.DeployAsync("review.bpmn"));
        Assert.Equal([("Review", 2, true)], await S.DeployAsync("review.bpmn", xml => xml.Replace("Review a case", "Review a case (v2)", StringComparison.Ordinal)));

        var id = await S.StartAsync("Review");
        Assert.Equal(("Review", 2, "active"), ((await S.InstanceAsync(id)).ProcessId, (await S.InstanceAsync(id)).Version, (await S.InstanceAsync(id)).Status));
    }

    [Fact]
    public async Task Start_opens_the_first_task_for_its_candidates_with_its_due_date_and_its_boundary_timer()
    {
        var id = await StartReviewAsync("c-1");

        var task = await OnlyTaskAsync(id);
        Assert.Equal(("Task_Review", ContractStore.Start.AddDays(2)), (task.ElementId, task.Due));
        Assert.Equal(["lawyer"], task.CandidateGroups);
        var timer = Assert.Single(await S.PendingTimersAsync());
        Assert.Equal((id, ContractStore.Start.AddDays(1)), (timer.InstanceId, timer.Due));
        var instance = await S.InstanceAsync(id);
        Assert.Equal(["Task_Review"], instance.Active);
        Assert.Equal("c-1", (string?)instance.Variables["caseId"]);
    }

    [Fact]
    public async Task Completing_a_task_moves_on_cancels_its_boundary_timer_and_is_in_the_history()
    {
        var id = await StartReviewAsync("c-1");
        var task = await OnlyTaskAsync(id);

        Assert.True(await S.TryCompleteAsync(task.Id, new JsonObject { ["approved"] = true }));

        var next = await OnlyTaskAsync(id);
        Assert.Equal("Task_Approve", next.ElementId);
        Assert.Equal(["coordinator", "lawyer"], next.CandidateGroups.Order(StringComparer.Ordinal));
        Assert.Empty(await S.PendingTimersAsync());
        var instance = await S.InstanceAsync(id);
        Assert.Equal(["Task_Approve"], instance.Active);
        Assert.True(instance.Variables["approved"]!.GetValue<bool>());
        var history = await S.HistoryAsync(id);
        Assert.Equal("InstanceStarted", history[0]);
        Assert.Single(history, h => h == nameof(HistoryEventType.TaskCompleted));
    }

    [Fact]
    public async Task A_task_that_is_no_longer_open_is_refused_and_nothing_changes()
    {
        var id = await StartReviewAsync("c-1");
        var task = await OnlyTaskAsync(id);
        Assert.True(await S.TryCompleteAsync(task.Id, new JsonObject { ["approved"] = true }));
        var before = await S.HistoryAsync(id);

        Assert.False(await S.TryCompleteAsync(task.Id, new JsonObject { ["approved"] = false }));

        Assert.True((await S.InstanceAsync(id)).Variables["approved"]!.GetValue<bool>());
        Assert.Equal(before.Count(h => h == nameof(HistoryEventType.TaskCompleted)), (await S.HistoryAsync(id)).Count(h => h == nameof(HistoryEventType.TaskCompleted)));
    }

    [Fact]
    public async Task A_timer_fires_once_and_its_cycle_schedules_the_next_occurrence()
    {
        var id = await StartReviewAsync("c-1");
        var timer = Assert.Single(await S.PendingTimersAsync());

        Assert.True(await S.FireTimerAsync(timer.Id));
        Assert.False(await S.FireTimerAsync(timer.Id));

        var next = Assert.Single(await S.PendingTimersAsync());
        Assert.Equal(timer.Due.AddDays(1), next.Due);
        Assert.Equal("Task_Review", (await OnlyTaskAsync(id)).ElementId); // non-interrupting: the task stays
        Assert.Single(await S.HistoryAsync(id), h => h == nameof(HistoryEventType.TimerFired));

        // R2: the second occurrence is the last; a timer cancelled with its task does not fire.
        Assert.True(await S.FireTimerAsync(next.Id));
        Assert.Empty(await S.PendingTimersAsync());
        var other = await S.StartAsync("Review", new JsonObject { ["caseId"] = "c-2" });
        var pending = Assert.Single(await S.PendingTimersAsync());
        Assert.True(await S.TryCompleteAsync((await OnlyTaskAsync(other)).Id, new JsonObject { ["approved"] = true }));
        Assert.False(await S.FireTimerAsync(pending.Id));
    }

    [Fact]
    public async Task Messages_correlate_by_name_and_key_and_one_nobody_waits_for_starts_a_message_start_process()
    {
        var id = await StartReviewAsync("c-7");
        var other = await S.StartAsync("Review", new JsonObject { ["caseId"] = "c-8" });
        foreach (var instance in new[] { id, other })
        {
            Assert.True(await S.TryCompleteAsync((await OnlyTaskAsync(instance)).Id, new JsonObject { ["approved"] = true }));
            Assert.True(await S.TryCompleteAsync((await OnlyTaskAsync(instance)).Id));
        }

        Assert.Empty(await S.CorrelateAsync("consulateDecision", "c-999"));
        Assert.Empty(await S.CorrelateAsync("nobodyWaits", null));
        Assert.Equal([id], await S.CorrelateAsync("consulateDecision", "c-7", new JsonObject { ["decision"] = "granted" }));
        var done = await S.InstanceAsync(id);
        Assert.Equal(("completed", "granted"), (done.Status, (string?)done.Variables["decision"]));
        Assert.Equal(["Catch_Decision"], (await S.InstanceAsync(other)).Active);

        await S.DeployAsync("calls.bpmn");
        var started = Assert.Single(await S.CorrelateAsync("referralReceived", "ref-1", new JsonObject { ["child"] = "Luz" }));
        var intake = await S.InstanceAsync(started);
        Assert.Equal(("Intake", "Luz"), (intake.ProcessId, (string?)intake.Variables["child"]));
        Assert.Equal(["Task_Triage"], intake.Active);
    }

    [Fact]
    public async Task A_message_thrown_by_one_instance_reaches_the_one_waiting_for_it()
    {
        var id = await StartReviewAsync("c-3");
        Assert.True(await S.TryCompleteAsync((await OnlyTaskAsync(id)).Id, new JsonObject { ["approved"] = true }));
        Assert.True(await S.TryCompleteAsync((await OnlyTaskAsync(id)).Id));
        await S.DeployAsync("consulate.bpmn");

        var sender = await S.StartAsync("Consulate", new JsonObject { ["caseId"] = "c-3", ["decision"] = "granted" });

        Assert.Equal("completed", (await S.InstanceAsync(sender)).Status);
        Assert.Equal("completed", (await S.InstanceAsync(id)).Status);
        Assert.Contains(nameof(HistoryEventType.MessageCorrelated), await S.HistoryAsync(id));
    }

    [Fact]
    public async Task A_failing_job_is_retried_after_its_back_off_then_is_an_incident_that_a_retry_resolves()
    {
        await S.DeployAsync("service.bpmn");
        var calls = 0;
        var fail = true;
        S.Handlers.Register("register", _ =>
        {
            Interlocked.Increment(ref calls);
            return fail ? JobOutcome.Fail("national registry unavailable") : JobOutcome.Complete(new JsonObject { ["registrationNumber"] = "R-1" });
        });

        var id = await S.StartAsync("Registration");
        Assert.Equal(1, calls);
        Assert.Empty(await S.IncidentsAsync());
        await S.AdvanceAsync(TimeSpan.FromSeconds(9));
        Assert.Equal(1, calls);
        await S.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, calls); // orc:retries="2": the second failure is the last

        var incident = Assert.Single(await S.IncidentsAsync());
        Assert.Equal((id, "Service_Register", IncidentTypes.JobFailed), (incident.InstanceId, incident.ElementId, incident.Type));
        Assert.Contains("national registry unavailable", incident.Message, StringComparison.Ordinal);
        await S.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, calls);

        fail = false;
        await S.RetryIncidentAsync(incident.Id);
        Assert.Equal(3, calls);
        Assert.Empty(await S.IncidentsAsync());
        var instance = await S.InstanceAsync(id);
        Assert.Equal(["Task_Confirm"], instance.Active);
        Assert.Equal("R-1", (string?)instance.Variables["registrationNumber"]);
    }

    [Fact]
    public async Task A_call_activity_starts_its_child_and_the_child_resumes_the_parent()
    {
        await S.DeployAsync("calls.bpmn");
        var parent = await S.StartAsync("Journey", new JsonObject { ["childName"] = "Ana" }, "case-9");

        var examine = Assert.Single(await S.OpenTasksAsync());
        Assert.Equal("Task_Examine", examine.ElementId);
        var child = await S.InstanceAsync(examine.InstanceId);
        Assert.Equal(("MedicalCheck", parent, "Ana"), (child.ProcessId, child.ParentId, (string?)child.Variables["patient"]));
        Assert.Equal(["Call_Check"], (await S.InstanceAsync(parent)).Active);

        Assert.True(await S.TryCompleteAsync(examine.Id, new JsonObject { ["fit"] = true }));

        Assert.Equal("completed", (await S.InstanceAsync(examine.InstanceId)).Status);
        var resumed = await S.InstanceAsync(parent);
        Assert.Equal(["Task_Review"], resumed.Active);
        Assert.True(resumed.Variables["medicallyFit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cancelling_an_instance_cancels_its_children_their_tasks_and_its_timers()
    {
        await S.DeployAsync("calls.bpmn");
        var parent = await S.StartAsync("Journey", new JsonObject { ["childName"] = "Ana" });
        var childTask = Assert.Single(await S.OpenTasksAsync());

        Assert.True(await S.TryCancelAsync(parent));

        Assert.Equal("cancelled", (await S.InstanceAsync(parent)).Status);
        Assert.Equal("cancelled", (await S.InstanceAsync(childTask.InstanceId)).Status);
        Assert.Empty(await S.OpenTasksAsync());
        Assert.False(await S.TryCancelAsync(parent));
        Assert.False(await S.TryCompleteAsync(childTask.Id));

        var review = await StartReviewAsync("c-5");
        var timer = Assert.Single(await S.PendingTimersAsync());
        Assert.True(await S.TryCancelAsync(review));
        Assert.Empty(await S.PendingTimersAsync());
        Assert.False(await S.FireTimerAsync(timer.Id));
    }

    [Fact]
    public async Task A_timer_start_event_starts_one_instance_per_occurrence_and_a_new_version_takes_over_its_timer()
    {
        await S.DeployAsync("weekly.bpmn");
        var first = Assert.Single(await S.PendingTimersAsync());
        Assert.Null(first.InstanceId);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), first.Due);

        Assert.True(await S.FireTimerAsync(first.Id));
        Assert.False(await S.FireTimerAsync(first.Id));
        var task = Assert.Single(await S.OpenTasksAsync());
        Assert.Equal("Task_Minutes", task.ElementId);
        var next = Assert.Single(await S.PendingTimersAsync());
        Assert.Equal(first.Due.AddDays(7), next.Due);

        await S.DeployAsync("weekly.bpmn", xml => xml.Replace("Weekly meeting", "Weekly meeting v2", StringComparison.Ordinal));
        var replaced = Assert.Single(await S.PendingTimersAsync());
        Assert.NotEqual(next.Id, replaced.Id);
        Assert.False(await S.FireTimerAsync(next.Id));
        Assert.True(await S.FireTimerAsync(replaced.Id));
        Assert.Equal(2, (await S.InstanceAsync(Assert.Single(await S.OpenTasksAsync(), t => t.Id != task.Id).InstanceId)).Version);
    }
}
