using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Scheduling;
using Orchestrator.Workflows;
using Quartz;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>What telling the coordinators about one link did.</summary>
public enum ExpiryNotice
{
    /// <summary>The link had expired unanswered with its task open: the coordinators' emails are staged.</summary>
    Notified,

    /// <summary>Nothing to tell: the link was answered, its task ended, it is unknown, or someone told them already.</summary>
    Nothing,

    /// <summary>The link has not expired yet by the service's clock; nothing changed.</summary>
    NotYetExpired,
}

/// <summary>
/// Tells the coordinators (scoped) that a link expired unanswered while its task is still open: one conditional update
/// of <c>expired_notified_at</c> and the <c>email-action-expired</c> outbox rows, in one transaction. The update's
/// condition (not notified, not used, expired, task open) makes it once per link across requests, triggers and nodes.
/// </summary>
public sealed class EmailActionExpiryNotifier(
    OrchestratorDbContext db,
    EmailOutbox outbox,
    TemplateCatalog templates,
    NotificationOptions notifications,
    NotificationLinks links,
    JourneyNames names,
    TimeProvider time,
    ILogger<EmailActionExpiryNotifier> logger)
{
    /// <summary>The email template coordinators get about an expired, unanswered link.</summary>
    public const string TemplateKey = "email-action-expired";

    /// <summary>Tells the coordinators about link <paramref name="tokenId"/> if it expired unanswered and nobody told them yet.</summary>
    /// <param name="tokenId">The link's row id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ExpiryNotice> NotifyAsync(Guid tokenId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var token = await db.EmailActionTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tokenId, ct).ConfigureAwait(false);
        if (token is null || token.UsedAt is not null || token.ExpiredNotifiedAt is not null)
        {
            return ExpiryNotice.Nothing;
        }

        if (now < token.ExpiresAt)
        {
            return ExpiryNotice.NotYetExpired;
        }

        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == token.TaskId).Select(t => new { t.Name, t.BusinessKey, t.Status, t.ProcessId, t.ElementId })
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (task is null || task.Status != TaskStatuses.Open)
        {
            return ExpiryNotice.Nothing;
        }

        var afterCommit = new List<Action>();
        var coordinators = notifications.CoordinatorGroup;
        List<(string Email, string Language)> addresses;
        var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            // The task's state is part of the condition: a link whose task was completed by staff a moment ago says nothing.
            var claimed = await db.EmailActionTokens
                .Where(t => t.Id == tokenId && t.ExpiredNotifiedAt == null && t.UsedAt == null && t.ExpiresAt <= now
                    && db.Tasks.Any(k => k.Id == t.TaskId && k.Status == TaskStatuses.Open))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiredNotifiedAt, now), ct)
                .ConfigureAwait(false);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                return ExpiryNotice.Nothing;
            }

            var found = await (
                    from user in db.Users
                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                    join role in db.Roles on userRole.RoleId equals role.Id
                    where role.Name == coordinators && user.Email != null && user.Email != ""
                    select new { user.Email, user.Language })
                .ToListAsync(ct).ConfigureAwait(false);
            addresses = [.. found.DistinctBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u => (u.Email!, u.Language))];
            var reference = NotificationLinks.CaseReference(task.BusinessKey, token.InstanceId);
            foreach (var (address, language) in addresses.OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase))
            {
                // Coordinators are staff: the email links to the case, and names the task in their language.
                var model = new EmailModel(reference, links.Case(reference))
                {
                    TaskName = names.TaskName(task.ProcessId, task.ElementId, templates.LanguageFor(TemplateKey, language), task.Name),
                    ExpiresAt = token.ExpiresAt,
                    Reason = "coordinator",
                    Group = coordinators,
                };
                outbox.Enqueue(db, new OutgoingEmail(address, templates.RenderEmail(TemplateKey, language, model))
                {
                    InstanceId = token.InstanceId,
                    TaskId = token.TaskId,
                }, afterCommit.Add);
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }

        if (addresses.Count == 0)
        {
            EmailActionLog.NoCoordinator(logger, token.TaskId, coordinators);
        }
        else
        {
            EmailActionLog.ExpiredNotified(logger, token.TaskId, addresses.Count);
        }

        foreach (var action in afterCommit)
        {
            action();
        }

        return ExpiryNotice.Notified;
    }
}

/// <summary>
/// The Quartz side of link expiry (a singleton), built like the engine's timers (<c>Scheduling/README.md</c>): the link
/// rows are the truth; one trigger per link at its <c>expires_at</c> (group <see cref="TriggerGroup"/>, name = the row's
/// id) is scheduled after the commit that created the link and re-made at start-up from the rows still unanswered and
/// unreported; firing (<see cref="FireAsync"/>) is <see cref="EmailActionExpiryNotifier.NotifyAsync"/>, idempotent.
/// No polling. When scheduling is off (<c>Scheduling:Enabled=false</c>) nothing is scheduled and the coordinators hear
/// of an expired link only when someone uses it.
/// </summary>
public sealed class EmailActionExpiryScheduler(IServiceProvider services, IServiceScopeFactory scopes, ILogger<EmailActionExpiryScheduler> logger) : IDisposable
{
    /// <summary>The trigger group of link expiries.</summary>
    public const string TriggerGroup = "email-action-expiry";

    /// <summary>The durable Quartz job that reports one link.</summary>
    public static readonly JobKey JobKey = new("email-action-expired", "orchestrator");

    /// <summary>How long after a failed firing the link is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Task, byte> _scheduling = new();
    private readonly SemaphoreSlim _jobStored = new(1, 1);
    private volatile bool _jobReady;

    /// <summary>Whether this node schedules expiries (the Quartz scheduler is registered).</summary>
    public bool Enabled => services.GetService<QuartzWorkflowScheduler>() is not null;

    /// <summary>Schedules the expiry of a new link once the command that created it has committed (never if it rolls back).</summary>
    /// <param name="change">The command's transaction.</param>
    /// <param name="tokenId">The link's row id.</param>
    /// <param name="expiresAt">When it expires.</param>
    public void ScheduleAfterCommit(AppliedChange change, Guid tokenId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!Enabled)
        {
            return;
        }

        // After-commit actions are synchronous; the trigger is written in the background. A failure only delays the
        // report to the next start-up, which re-makes the trigger from the row.
        change.AfterCommit(() => Track(ScheduleAsync([(tokenId, expiresAt)], CancellationToken.None)));
    }

    /// <summary>Completes when the triggers staged by <see cref="ScheduleAfterCommit"/> so far are written (tests, shutdown).</summary>
    public Task WhenScheduledAsync() => Task.WhenAll(_scheduling.Keys);

    /// <summary>Schedules (or moves) the triggers of links, replacing any trigger of the same link.</summary>
    /// <param name="links">The links' row ids and when each is to be reported.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task ScheduleAsync(IReadOnlyCollection<(Guid TokenId, DateTimeOffset At)> links, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0 || await PrepareAsync(ct).ConfigureAwait(false) is not { } scheduler)
        {
            return;
        }

        var triggers = links.Select(l => Trigger(l.TokenId, l.At)).ToList();
        await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [JobDetail()] = triggers }, ScheduleJobOptions.Replacing, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Start-up: a trigger for every link that is unanswered, unreported and whose task is open, unless Quartz already
    /// has one (the clustered store keeps them across restarts; the memory store starts empty). Links that expired while
    /// the service was down fire at once.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many triggers were made.</returns>
    public Task<int> RescheduleAsync(CancellationToken ct) => RescheduleAsync(null, ct);

    /// <summary>
    /// The same for the links expiring before <paramref name="dueBefore"/> only (every one when <c>null</c>): the
    /// reconciliation sweep's repair (<see cref="ScheduleRepair"/>), which logs what it made itself.
    /// </summary>
    /// <param name="dueBefore">Only links expiring before this; <c>null</c>: all.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many triggers were made.</returns>
    public async Task<int> RescheduleAsync(DateTimeOffset? dueBefore, CancellationToken ct)
    {
        if (await PrepareAsync(ct).ConfigureAwait(false) is not { } scheduler)
        {
            return 0;
        }

        // A trigger Quartz put in its ERROR state (its job could not be made) would never fire: it counts as missing.
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TriggerGroup), ct).ConfigureAwait(false))
        {
            if (await scheduler.GetTriggerState(key, ct).ConfigureAwait(false) != TriggerState.Error)
            {
                existing.Add(key.Name);
            }
        }

        List<(Guid TokenId, DateTimeOffset At)> missing;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var rows = await db.EmailActionTokens.AsNoTracking()
                .Where(t => t.UsedAt == null && t.ExpiredNotifiedAt == null && db.Tasks.Any(k => k.Id == t.TaskId && k.Status == TaskStatuses.Open))
                .Select(t => new { t.Id, t.ExpiresAt })
                .ToListAsync(ct).ConfigureAwait(false);
            missing = [.. rows.Where(r => !existing.Contains(Name(r.Id)) && (dueBefore is null || r.ExpiresAt <= dueBefore)).Select(r => (r.Id, r.ExpiresAt))];
        }

        await ScheduleAsync(missing, ct).ConfigureAwait(false);
        if (dueBefore is null)
        {
            EmailActionLog.ExpiriesScheduled(logger, missing.Count, existing.Count);
        }

        return missing.Count;
    }

    /// <summary>
    /// What a trigger does: reports the link if it expired unanswered (once, whoever fires it); a firing ahead of the
    /// service's clock (a node whose clock runs ahead) moves the trigger to the expiry.
    /// </summary>
    /// <param name="tokenId">The link's row id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ExpiryNotice> FireAsync(Guid tokenId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<EmailActionExpiryNotifier>();
        var notice = await notifier.NotifyAsync(tokenId, ct).ConfigureAwait(false);
        if (notice == ExpiryNotice.NotYetExpired)
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var expiresAt = await db.EmailActionTokens.AsNoTracking().Where(t => t.Id == tokenId).Select(t => t.ExpiresAt).SingleAsync(ct).ConfigureAwait(false);
            await ScheduleAsync([(tokenId, expiresAt)], ct).ConfigureAwait(false);
        }

        return notice;
    }

    /// <inheritdoc/>
    public void Dispose() => _jobStored.Dispose();

    /// <summary>The trigger name of a link.</summary>
    /// <param name="tokenId">The link's row id.</param>
    public static string Name(Guid tokenId) => tokenId.ToString("D");

    /// <summary>The scheduler with the durable job stored; <c>null</c> when scheduling is off.</summary>
    private async Task<IScheduler?> PrepareAsync(CancellationToken ct)
    {
        if (services.GetService<QuartzWorkflowScheduler>() is not { } workflowScheduler)
        {
            return null;
        }

        var scheduler = await workflowScheduler.GetSchedulerAsync(ct).ConfigureAwait(false);
        if (_jobReady)
        {
            return scheduler;
        }

        await _jobStored.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_jobReady)
            {
                await scheduler.AddJob(JobDetail(), new AddJobOptions { Replace = true }, ct).ConfigureAwait(false);
                _jobReady = true;
            }
        }
        finally
        {
            _jobStored.Release();
        }

        return scheduler;
    }

    private void Track(Task scheduling)
    {
        // What is tracked never faults: a failure is logged here, and waiting for the pending writes never throws.
        var observed = scheduling.ContinueWith(
            t =>
            {
                if (t.Exception is { } e)
                {
                    EmailActionLog.ExpiryNotScheduled(logger, e.GetBaseException());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _scheduling.TryAdd(observed, 0);
        _ = observed.ContinueWith(o => _scheduling.TryRemove(o, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static IJobDetail JobDetail() =>
        JobBuilder.Create<EmailActionExpiredJob>().WithIdentity(JobKey).StoreDurably().RequestRecovery().Build();

    private static ITrigger Trigger(Guid tokenId, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity(Name(tokenId), TriggerGroup)
            .ForJob(JobKey)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}

/// <summary>Fires one link's expiry: the trigger's name is the link's row id (<see cref="EmailActionExpiryScheduler.FireAsync"/>).</summary>
public sealed class EmailActionExpiredJob(EmailActionExpiryScheduler expiries, ILogger<EmailActionExpiredJob> logger) : IJob
{
    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = SchedulerKeys.OriginalTrigger(context).Name;
        if (!Guid.TryParse(name, out var tokenId))
        {
            return;
        }

        try
        {
            await expiries.FireAsync(tokenId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing committed: the row is still unreported, so the next try (or the next start-up) reports it.
            EmailActionLog.ExpiryFailed(logger, e, tokenId);
            await expiries.ScheduleAsync([(tokenId, DateTimeOffset.UtcNow + EmailActionExpiryScheduler.RetryDelay)], CancellationToken.None).ConfigureAwait(false);
            throw new JobExecutionException(e);
        }
    }
}

/// <summary>Re-makes the expiry triggers once the host has started (after the migrations and the scheduler's own start-up).</summary>
internal sealed class EmailActionExpiryStartup(EmailActionExpiryScheduler expiries) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // StartedAsync runs after every hosted service's StartAsync: the database is migrated by then whatever the
    // registration order (the notifications register before the start-up initializer).
    public Task StartedAsync(CancellationToken cancellationToken) => expiries.RescheduleAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => expiries.WhenScheduledAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
