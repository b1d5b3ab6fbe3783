using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Workflows;

/// <summary>
/// The durable store's contract, run the same on SQLite and on PostgreSQL: deployment and versions, task rows,
/// completion and history, concurrency, timers, subscriptions and messages, jobs with leases, incidents and retry,
/// call activities, cancellation, timer start events.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the harness through IAsyncLifetime.DisposeAsync.
public abstract class StoreContractTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private TestDatabase _database = null!;
    private WorkflowHarness _harness = null!;

    /// <summary>The (reset) database for one test.</summary>
    protected abstract Task<TestDatabase> DatabaseAsync();

    private readonly TestForms _forms = new();

    private WorkflowHarness H => _harness;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _database = await DatabaseAsync();
        _harness = new WorkflowHarness(_database, _forms);
        await _harness.InitializeAsync();
    }

    /// <summary>Whether the test owns its database (and deletes it at the end).</summary>
    protected virtual bool OwnsDatabase => true;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        if (OwnsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private static string Fixture(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "Fixtures", file));

    private async Task<string> StartReviewAsync(string caseId = "c-1")
    {
        await H.DeployFixtureAsync("review.bpmn");
        return await H.Service().StartAsync("Review", new JsonObject { ["caseId"] = caseId, ["child"] = "Ana" }, "case-" + caseId, Actors.Coordinator, Ct);
    }

    private async Task<TaskView> OnlyTaskAsync(string instanceId) =>
        Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(instanceId), Actors.Coordinator, Ct));

    [Fact]
    public async Task Deploy_creates_version_n_plus_1_unless_the_content_is_unchanged()
    {
        var first = await H.DeployFixtureAsync("review.bpmn");
        Assert.Equal([new DeploymentOutcome("Review", 1, true)], first);
        Assert.Equal([new DeploymentOutcome("Review", 1, false)], await H.DeployFixtureAsync("review.bpmn"));
        var changed = Fixture("review.bpmn").Replace("Review a case", "Review a case (v2)", StringComparison.Ordinal);
        Assert.Equal([new DeploymentOutcome("Review", 2, true)], await H.Service().DeployAsync(changed, "review.bpmn", Actors.Designer, Ct));

        var list = await H.Service().ListDefinitionsAsync(Ct);
        Assert.Equal([1, 2], list.Where(d => d.ProcessId == "Review").Select(d => d.Version));
        Assert.All(list, d => Assert.Equal(Actors.Designer.Id, d.DeployedBy));
        Assert.Equal("Review a case (v2)", list.Single(d => d.Version == 2).Name);
        Assert.Equal(changed, await H.Service().GetDefinitionXmlAsync("Review", 2, Ct));
        Assert.Null(await H.Service().GetDefinitionXmlAsync("Review", 3, Ct));

        // New instances run the latest version; a second node (a fresh runtime) sees it from the database.
        var id = await H.Service().StartAsync("Review", null, null, Actors.Coordinator, Ct);
        Assert.Equal(2, (await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct)).Version);
        await using var second = new WorkflowHarness(_database, new TestForms(), "node-2");
        var id2 = await second.Service().StartAsync("Review", null, null, Actors.Coordinator, Ct);
        Assert.Equal(2, (await second.Service().GetInstanceAsync(id2, Actors.Coordinator, Ct)).Version);
    }

    [Fact]
    public async Task Start_up_deploys_a_folder_and_an_unchanged_folder_keeps_its_versions()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Workflows", "Fixtures");
        var first = await H.Deployer().DeployDirectoryAsync(folder, Ct);
        Assert.Contains(new DeploymentOutcome("Review", 1, true), first);
        Assert.Contains(new DeploymentOutcome("MedicalCheck", 1, true), first);
        var again = await H.Deployer().DeployDirectoryAsync(folder, Ct);
        Assert.All(again, o => Assert.False(o.Created));
        Assert.Empty(await H.Deployer().DeployDirectoryAsync(Path.Combine(folder, "missing"), Ct));
    }

    [Fact]
    public async Task A_command_joins_a_transaction_the_caller_opened()
    {
        await H.DeployFixtureAsync("review.bpmn");
        var (service, db) = H.ServiceWithDb();
        string id;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            id = await service.StartAsync("Review", null, "case-tx", Actors.Coordinator, Ct);
            Assert.True(await db.Instances.AnyAsync(i => i.Id == id));
            await tx.RollbackAsync();
        }

        await using var check = H.Db();
        Assert.False(await check.Instances.AnyAsync(i => i.Id == id));
        Assert.False(await check.Tasks.AnyAsync(t => t.InstanceId == id));
    }

    [Fact]
    public async Task Invalid_bpmn_and_unknown_processes_are_refused_and_change_nothing()
    {
        var bad = Fixture("service.bpmn").Replace("sourceRef=\"Service_Register\" targetRef=\"Task_Confirm\"", "sourceRef=\"Service_Register\" targetRef=\"Nowhere\"", StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<WorkflowValidationException>(() => H.Service().DeployAsync(bad, "bad.bpmn", Actors.Designer, Ct));
        Assert.Contains(e.Problems, p => p.ElementId == "F2");
        await Assert.ThrowsAsync<WorkflowValidationException>(() => H.Service().DeployAsync("<not-bpmn/>", "x.bpmn", Actors.Designer, Ct));
        Assert.Empty(await H.Service().ListDefinitionsAsync(Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => H.Service().StartAsync("Nope", null, null, Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => H.Service().GetInstanceAsync("missing", Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => H.Service().CompleteAsync("missing:1", null, Actors.Coordinator, Ct));
    }

    [Fact]
    public async Task Start_writes_the_instance_task_rows_and_timer_rows()
    {
        var id = await StartReviewAsync();
        await using var db = H.Db();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.Equal(("Review", 1, "case-c-1", "active", 1), (instance.ProcessId, instance.Version, instance.BusinessKey, instance.Status, instance.RowVersion));
        Assert.Equal(id, ProcessInstanceState.FromJson(instance.State).Id);

        var task = await db.Tasks.AsNoTracking().Include(t => t.Candidates).SingleAsync(t => t.InstanceId == id);
        Assert.Equal(("Task_Review", "Review the file", TaskStatuses.Open, 70, "review"), (task.ElementId, task.Name, task.Status, task.Priority, task.FormKey));
        Assert.Equal(H.Clock.GetUtcNow().AddDays(2), task.Due);
        Assert.Equal(["lawyer"], task.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name));

        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == id);
        Assert.Equal(("Remind", TimerStatuses.Pending, 1), (timer.ElementId, timer.Status, timer.Repetitions));
        Assert.Equal(H.Clock.GetUtcNow().AddDays(1), timer.DueAt);
        Assert.Contains(H.Scheduler.Changes, c => c.TimersScheduled.Any(t => t.Id == timer.Id));
        Assert.Equal([new PendingTimer(timer.Id, id, "Remind", timer.DueAt)], await H.Service().ListPendingTimersAsync(10, Ct));
    }

    [Fact]
    public async Task The_inbox_shows_a_person_only_their_tasks_and_their_groups()
    {
        var id = await StartReviewAsync();
        var view = Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(), Actors.Lawyer, Ct));
        Assert.Equal(("Task_Review", id, "review", "Review", "case-c-1"), (view.ElementId, view.InstanceId, view.FormKey, view.ProcessId, view.BusinessKey));
        Assert.Equal(["lawyer"], view.CandidateGroups);
        Assert.Empty(await H.Service().ListTasksAsync(new TaskQuery(), Actors.SocialWorker, Ct));
        Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(CandidateGroup: "lawyer"), Actors.Coordinator, Ct));
        Assert.Empty(await H.Service().ListTasksAsync(new TaskQuery(CandidateGroup: "educator"), Actors.Coordinator, Ct));

        // Claimed: the holder sees it (also by assignee), other members of the group no longer do; coordinators always.
        var claimed = await H.Service().ClaimAsync(view.Id, Actors.Lawyer, Ct);
        Assert.Equal(Actors.Lawyer.Id, claimed.Assignee);
        Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(Assignee: Actors.Lawyer.Id), Actors.Lawyer, Ct));
        Assert.Empty(await H.Service().ListTasksAsync(new TaskQuery(), Actors.OtherLawyer, Ct));
        Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(), Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => H.Service().CompleteAsync(view.Id, new JsonObject { ["approved"] = true }, Actors.OtherLawyer, Ct));
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => H.Service().UnclaimAsync(view.Id, Actors.OtherLawyer, Ct));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => H.Service().ClaimAsync(view.Id, Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => H.Service().CompleteAsync(view.Id, new JsonObject { ["approved"] = true }, Actors.SocialWorker, Ct));
        Assert.Null((await H.Service().UnclaimAsync(view.Id, Actors.Lawyer, Ct)).Assignee);
        Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(), Actors.OtherLawyer, Ct));
    }

    [Fact]
    public async Task Complete_moves_on_and_every_change_and_read_is_in_the_history()
    {
        var id = await StartReviewAsync();
        var task = await OnlyTaskAsync(id);
        await H.Service().CompleteAsync(task.Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, Ct);

        var next = await OnlyTaskAsync(id);
        Assert.Equal("Task_Approve", next.ElementId);
        Assert.Equal(["coordinator", "lawyer"], next.CandidateGroups);
        await using (var db = H.Db())
        {
            var done = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
            Assert.Equal((TaskStatuses.Completed, Actors.Lawyer.Id), (done.Status, done.EndedBy));
            Assert.Equal(TimerStatuses.Cancelled, (await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == id)).Status);
            Assert.Equal(2, (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id)).RowVersion);
        }

        var view = await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct);
        Assert.True(view.Variables["approved"]!.GetValue<bool>());
        Assert.Equal(["Task_Approve"], view.Active);
        var history = await H.Service().GetHistoryAsync(id, Actors.Psychologist, Ct);
        Assert.Equal(history.OrderBy(h => h.Sequence).Select(h => h.Sequence), history.Select(h => h.Sequence));
        Assert.Equal("InstanceStarted", history[0].Type);
        Assert.Equal(Actors.Coordinator.Id, history[0].UserId);
        var completed = Assert.Single(history, h => h.Type == "TaskCompleted");
        Assert.Equal((Actors.Lawyer.Id, task.Id), (completed.UserId, completed.ItemId));
        Assert.Contains(history, h => h.Type == "InstanceRead" && h.UserId == Actors.Coordinator.Id);
        Assert.Equal("HistoryRead", history[^1].Type);
        Assert.Equal(Actors.Psychologist.Id, history[^1].UserId);
    }

    [Fact]
    public async Task Data_that_breaks_the_form_is_refused_and_nothing_changes()
    {
        var id = await StartReviewAsync();
        var task = await OnlyTaskAsync(id);
        var e = await Assert.ThrowsAsync<FormValidationException>(() => H.Service().CompleteAsync(task.Id, new JsonObject { ["approved"] = "yes" }, Actors.Lawyer, Ct));
        Assert.Equal("approved", Assert.Single(e.Errors).Field);
        Assert.Equal(task.Id, (await OnlyTaskAsync(id)).Id);
        await using var db = H.Db();
        Assert.Equal(1, (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id)).RowVersion);
        Assert.False(await db.History.AnyAsync(h => h.Type == "TaskCompleted"));
    }

    [Fact]
    public async Task The_form_is_checked_against_what_the_task_was_opened_with()
    {
        // Read-only fields and variable-driven options can only be checked against the task's own variables.
        var id = await StartReviewAsync("c-7");
        var task = await OnlyTaskAsync(id);
        await H.Service().CompleteAsync(task.Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, Ct);
        Assert.NotNull(_forms.LastTaskVariables);
        Assert.Equal("c-7", (string?)_forms.LastTaskVariables["caseId"]);
        Assert.Equal("Ana", (string?)_forms.LastTaskVariables["child"]);
    }

    [Fact]
    public async Task Concurrent_completions_of_the_same_task_exactly_one_wins()
    {
        var id = await StartReviewAsync();
        var task = await OnlyTaskAsync(id);
        // Ten requests, each with its own DbContext, at once.
        var services = Enumerable.Range(0, 10).Select(_ => H.Service()).ToList();
        var results = await Task.WhenAll(services.Select((service, i) => Task.Run(() =>
            Attempt(() => service.CompleteAsync(task.Id, new JsonObject { ["approved"] = i % 2 == 0 }, i % 2 == 0 ? Actors.Lawyer : Actors.OtherLawyer, Ct)))));
        Assert.Single(results, r => r is null);
        foreach (var loser in results.Where(r => r is not null))
        {
            Assert.True(loser is WorkflowConflictException, loser!.ToString());
            Assert.Contains("no longer open", loser.Message, StringComparison.Ordinal);
        }

        var history = await H.Service().GetHistoryAsync(id, Actors.Coordinator, Ct);
        Assert.Single(history, h => h.Type == "TaskCompleted");
        Assert.Equal("Task_Approve", (await OnlyTaskAsync(id)).ElementId);

        // A later attempt is a conflict too, with the reason.
        var again = await Assert.ThrowsAsync<WorkflowConflictException>(() => H.Service().CompleteAsync(task.Id, null, Actors.Lawyer, Ct));
        Assert.Contains("completed by", again.Message, StringComparison.Ordinal);
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await Task.Yield();
            await action();
            return null;
        }
        catch (Exception e) when (e is WorkflowConflictException or WorkflowNotFoundException)
        {
            return e;
        }
    }

    [Fact]
    public async Task Concurrent_commands_on_different_instances_all_take_effect()
    {
        await H.DeployFixtureAsync("review.bpmn");
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await H.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c" + i }, null, Actors.Coordinator, Ct));
        }

        var tasks = await H.Service().ListTasksAsync(new TaskQuery(), Actors.Lawyer, Ct);
        Assert.Equal(8, tasks.Count);
        await Task.WhenAll(tasks.Select(t => Task.Run(() => H.Service().CompleteAsync(t.Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, Ct))));
        var next = await H.Service().ListTasksAsync(new TaskQuery(), Actors.Coordinator, Ct);
        Assert.Equal(8, next.Count);
        Assert.All(next, t => Assert.Equal("Task_Approve", t.ElementId));
    }

    [Fact]
    public async Task Firing_a_timer_is_idempotent_and_cycles_schedule_the_next_one()
    {
        var id = await StartReviewAsync();
        var timer = Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));
        H.Clock.Set(timer.Due);
        Assert.True(await H.Service().FireTimerAsync(timer.Id, Ct));
        Assert.False(await H.Service().FireTimerAsync(timer.Id, Ct));
        Assert.False(await H.Service().FireTimerAsync("no-such-timer", Ct));

        await using var db = H.Db();
        var fired = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timer.Id);
        Assert.Equal((TimerStatuses.Fired, timer.Due), (fired.Status, fired.FiredAt));
        var next = Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));
        Assert.Equal(timer.Due.AddDays(1), next.Due);
        Assert.Equal("Task_Review", (await OnlyTaskAsync(id)).ElementId);
        var history = await H.Service().GetHistoryAsync(id, Actors.Coordinator, Ct);
        Assert.Single(history, h => h.Type == "TimerFired" && h.ItemId == timer.Id);

        // Two nodes firing the same timer at once: exactly one does it.
        H.Clock.Set(next.Due);
        var results = await Task.WhenAll(Task.Run(() => H.Service().FireTimerAsync(next.Id, Ct)), Task.Run(() => H.Service().FireTimerAsync(next.Id, Ct)));
        Assert.Single(results, r => r);
        Assert.Empty(await H.Service().ListPendingTimersAsync(10, Ct));

        // Completing the task cancels nothing more; a cancelled timer does not fire.
        await H.Service().CompleteAsync((await OnlyTaskAsync(id)).Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, Ct);
        Assert.False(await H.Service().FireTimerAsync(next.Id, Ct));
    }

    [Fact]
    public async Task Messages_correlate_by_name_and_key_or_start_message_start_processes()
    {
        var id = await StartReviewAsync("c-7");
        var other = await H.Service().StartAsync("Review", new JsonObject { ["caseId"] = "c-8" }, null, Actors.Coordinator, Ct);
        foreach (var instance in new[] { id, other })
        {
            await H.Service().CompleteAsync((await OnlyTaskAsync(instance)).Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, Ct);
            await H.Service().CompleteAsync((await OnlyTaskAsync(instance)).Id, null, Actors.Coordinator, Ct);
        }

        await using (var db = H.Db())
        {
            var sub = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.InstanceId == id);
            Assert.Equal(("consulateDecision", "c-7", "Catch_Decision"), (sub.MessageName, sub.CorrelationKey, sub.ElementId));
        }

        Assert.Empty(await H.Service().CorrelateMessageAsync("consulateDecision", "c-999", null, Actors.Coordinator, Ct));
        Assert.Empty(await H.Service().CorrelateMessageAsync("nobodyWaits", null, null, Actors.Coordinator, Ct));
        Assert.Equal([id], await H.Service().CorrelateMessageAsync("consulateDecision", "c-7", new JsonObject { ["decision"] = "granted" }, Actors.Coordinator, Ct));
        var view = await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct);
        Assert.Equal(("completed", "granted"), (view.Status, view.Variables["decision"]!.GetValue<string>()));
        Assert.Equal("active", (await H.Service().GetInstanceAsync(other, Actors.Coordinator, Ct)).Status);
        await using (var db = H.Db())
        {
            Assert.False(await db.Subscriptions.AnyAsync(s => s.InstanceId == id));
            Assert.NotNull((await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id)).EndedAt);
        }

        // Nobody waits for a referral: the message start event starts an intake.
        await H.DeployFixtureAsync("calls.bpmn");
        var started = Assert.Single(await H.Service().CorrelateMessageAsync("referralReceived", "ref-1", new JsonObject { ["child"] = "Luz" }, Actors.SocialWorker, Ct));
        var intake = await H.Service().GetInstanceAsync(started, Actors.Coordinator, Ct);
        Assert.Equal(("Intake", "ref-1", "Luz"), (intake.ProcessId, intake.BusinessKey, intake.Variables["child"]!.GetValue<string>()));
        Assert.Equal(["Task_Triage"], intake.Active);
    }

    [Fact]
    public async Task A_message_thrown_by_one_instance_reaches_the_waiting_one_in_the_same_transaction()
    {
        var id = await StartReviewAsync("c-3");
        await H.Service().CompleteAsync((await OnlyTaskAsync(id)).Id, new JsonObject { ["approved"] = true }, Actors.Lawyer, Ct);
        await H.Service().CompleteAsync((await OnlyTaskAsync(id)).Id, null, Actors.Coordinator, Ct);
        await H.DeployFixtureAsync("consulate.bpmn");
        var sender = await H.Service().StartAsync("Consulate", new JsonObject { ["caseId"] = "c-3", ["decision"] = "granted" }, null, Actors.Coordinator, Ct);
        Assert.Equal("completed", (await H.Service().GetInstanceAsync(sender, Actors.Coordinator, Ct)).Status);
        var view = await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct);
        Assert.Equal("completed", view.Status);
        var history = await H.Service().GetHistoryAsync(id, Actors.Coordinator, Ct);
        Assert.Contains(history, h => h.Type == "MessageCorrelated" && h.UserId == Actors.Coordinator.Id);
    }

    [Fact]
    public async Task Jobs_retry_with_back_off_then_raise_an_incident_that_retry_resumes()
    {
        await H.DeployFixtureAsync("service.bpmn");
        var calls = 0;
        var fail = true;
        H.Handlers.Register("register", _ =>
        {
            Interlocked.Increment(ref calls);
            return fail ? JobOutcome.Fail("national registry unavailable") : JobOutcome.Complete(new JsonObject { ["registrationNumber"] = "R-1" });
        });
        var id = await H.Service().StartAsync("Registration", null, null, Actors.SocialWorker, Ct);
        Assert.Equal(1, calls);
        await using (var db = H.Db())
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.InstanceId == id);
            Assert.Equal((1, 1, "national registry unavailable", null), (job.Retries, job.Attempts, job.LastError, job.LeaseOwner));
            Assert.Equal(H.Clock.GetUtcNow().AddSeconds(10), job.DueAt);
            Assert.Contains(H.Scheduler.Changes, c => c.JobsScheduled.Any(j => j.Id == job.Id));
        }

        Assert.Equal(0, await H.Service().RunDueJobsAsync("node-a", 10, Ct));
        H.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await H.Service().RunDueJobsAsync("node-a", 10, Ct));
        Assert.Equal(2, calls);

        var incident = Assert.Single(await H.Service().ListIncidentsAsync(Ct));
        Assert.Equal((id, "Service_Register", IncidentTypes.JobFailed), (incident.InstanceId, incident.ElementId, incident.Type));
        Assert.Contains("national registry unavailable", incident.Message, StringComparison.Ordinal);
        Assert.Single((await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct)).Incidents);
        await using (var db = H.Db())
        {
            Assert.False(await db.Jobs.AnyAsync(j => j.InstanceId == id));
        }

        fail = false;
        await H.Service().RetryIncidentAsync(incident.Id, Actors.Coordinator, Ct);
        Assert.Equal(3, calls);
        Assert.Empty(await H.Service().ListIncidentsAsync(Ct));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => H.Service().RetryIncidentAsync(incident.Id, Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => H.Service().RetryIncidentAsync("nope:1", Actors.Coordinator, Ct));
        var view = await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct);
        Assert.Equal(["Task_Confirm"], view.Active);
        Assert.Equal("R-1", view.Variables["registrationNumber"]!.GetValue<string>());
        await using (var db = H.Db())
        {
            Assert.Equal(IncidentStatuses.Resolved, (await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id)).Status);
        }
    }

    [Fact]
    public async Task A_dead_nodes_job_is_taken_over_when_its_lease_expires()
    {
        await H.DeployFixtureAsync("service.bpmn");
        var handled = 0;
        H.Handlers.Register("register", _ =>
        {
            Interlocked.Increment(ref handled);
            return JobOutcome.Complete();
        });
        await using var lazy = new WorkflowHarness(_database, null, "dead-node");
        lazy.Runtime.Options.RunJobsAfterCommit = false;
        lazy.Clock.Set(H.Clock.GetUtcNow());
        var id = await lazy.Service().StartAsync("Registration", null, null, Actors.SocialWorker, Ct);
        string jobId;
        await using (var db = H.Db())
        {
            jobId = (await db.Jobs.AsNoTracking().SingleAsync(j => j.InstanceId == id)).Id;

            // The dead node took the lease and died before reporting.
            var until = H.Clock.GetUtcNow().AddMinutes(5);
            await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, "dead-node").SetProperty(j => j.LeaseUntil, until));
        }

        Assert.Equal(0, await H.Service().RunDueJobsAsync("node-b", 10, Ct));
        Assert.False(await H.Service().RunJobAsync(jobId, "node-b", Ct));
        Assert.Equal(0, handled);
        H.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await H.Service().RunDueJobsAsync("node-b", 10, Ct));
        Assert.Equal(1, handled);
        Assert.Equal(["Task_Confirm"], (await H.Service().GetInstanceAsync(id, Actors.Coordinator, Ct)).Active);
        Assert.False(await H.Service().RunJobAsync(jobId, "node-b", Ct));
    }

    [Fact]
    public async Task Call_activities_start_child_rows_and_the_child_resumes_the_parent()
    {
        await H.DeployFixtureAsync("calls.bpmn");
        var parent = await H.Service().StartAsync("Journey", new JsonObject { ["childName"] = "Ana" }, "case-9", Actors.Coordinator, Ct);
        await using (var db = H.Db())
        {
            var child = await db.Instances.AsNoTracking().SingleAsync(i => i.ParentId == parent);
            Assert.Equal(("MedicalCheck", "active"), (child.ProcessId, child.Status));
        }

        var examine = Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(), Actors.Psychologist, Ct));
        Assert.Equal("Task_Examine", examine.ElementId);
        var childView = await H.Service().GetInstanceAsync(examine.InstanceId, Actors.Coordinator, Ct);
        Assert.Equal(parent, childView.ParentId);
        Assert.Equal("Ana", childView.Variables["patient"]!.GetValue<string>());

        await H.Service().CompleteAsync(examine.Id, new JsonObject { ["fit"] = true }, Actors.Psychologist, Ct);
        Assert.Equal("completed", (await H.Service().GetInstanceAsync(examine.InstanceId, Actors.Coordinator, Ct)).Status);
        var parentView = await H.Service().GetInstanceAsync(parent, Actors.Coordinator, Ct);
        Assert.Equal(["Task_Review"], parentView.Active);
        Assert.True(parentView.Variables["medicallyFit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cancelling_an_instance_cancels_its_children_tasks_and_timers()
    {
        await H.DeployFixtureAsync("calls.bpmn");
        var parent = await H.Service().StartAsync("Journey", new JsonObject { ["childName"] = "Ana" }, null, Actors.Coordinator, Ct);
        var childTask = Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(), Actors.Psychologist, Ct));
        await H.Service().CancelAsync(parent, Actors.Coordinator, Ct);

        Assert.Equal("cancelled", (await H.Service().GetInstanceAsync(parent, Actors.Coordinator, Ct)).Status);
        Assert.Equal("cancelled", (await H.Service().GetInstanceAsync(childTask.InstanceId, Actors.Coordinator, Ct)).Status);
        Assert.Empty(await H.Service().ListTasksAsync(new TaskQuery(), Actors.Coordinator, Ct));
        await using (var db = H.Db())
        {
            Assert.Equal(TaskStatuses.Cancelled, (await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == childTask.Id)).Status);
        }

        await Assert.ThrowsAsync<WorkflowConflictException>(() => H.Service().CancelAsync(parent, Actors.Coordinator, Ct));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => H.Service().CompleteAsync(childTask.Id, null, Actors.Coordinator, Ct));
        var history = await H.Service().GetHistoryAsync(parent, Actors.Coordinator, Ct);
        Assert.Contains(history, h => h.Type == "InstanceCancelled" && h.UserId == Actors.Coordinator.Id);

        // Boundary timers of a cancelled instance are cancelled rows: firing them is a no-op.
        var review = await StartReviewAsync();
        var timer = Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));
        await H.Service().CancelAsync(review, Actors.Coordinator, Ct);
        Assert.Empty(await H.Service().ListPendingTimersAsync(10, Ct));
        Assert.False(await H.Service().FireTimerAsync(timer.Id, Ct));
    }

    [Fact]
    public async Task Timer_start_events_are_timer_rows_that_start_instances_once()
    {
        await H.DeployFixtureAsync("weekly.bpmn");
        var first = Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));
        Assert.Null(first.InstanceId);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), first.Due);

        // Start-up again (a restart) plans nothing twice.
        await H.InitializeAsync();
        Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));

        H.Clock.Set(first.Due);
        Assert.True(await H.Service().FireTimerAsync(first.Id, Ct));
        Assert.False(await H.Service().FireTimerAsync(first.Id, Ct));
        var task = Assert.Single(await H.Service().ListTasksAsync(new TaskQuery(), Actors.Coordinator, Ct));
        Assert.Equal("Task_Minutes", task.ElementId);
        var next = Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));
        Assert.Equal(first.Due.AddDays(7), next.Due);

        // A new version replaces the pending start timer of the old one.
        await H.Service().DeployAsync(Fixture("weekly.bpmn").Replace("Weekly meeting", "Weekly meeting v2", StringComparison.Ordinal), "weekly.bpmn", Actors.Designer, Ct);
        var replaced = Assert.Single(await H.Service().ListPendingTimersAsync(10, Ct));
        Assert.NotEqual(next.Id, replaced.Id);
        Assert.Contains(":2:", replaced.Id, StringComparison.Ordinal);
        Assert.False(await H.Service().FireTimerAsync(next.Id, Ct));
    }
}

/// <summary>The store contract on SQLite.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override async Task<TestDatabase> DatabaseAsync()
    {
        var database = TestDatabase.CreateSqlite();
        await database.MigrateAsync();
        return database;
    }
}

/// <summary>The store contract on PostgreSQL (one database for the class, emptied before each test).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContractTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestDatabase? _shared;

    protected override bool OwnsDatabase => false;

    protected override async Task<TestDatabase> DatabaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await TestDatabase.CreatePostgresAsync(server, "store");
                await _shared.MigrateAsync();
            }
            else
            {
                await _shared.ResetAsync();
            }

            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }
}
