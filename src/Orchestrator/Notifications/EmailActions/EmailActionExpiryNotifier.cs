using Microsoft.EntityFrameworkCore;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.EmailActions;

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
