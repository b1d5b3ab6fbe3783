using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Tasks;

/// <summary>
/// Half-filled task forms kept on the server as the person types (scoped): one per task and person, sealed with the
/// service's data-protection keys (the keys that sign the sign-in cookies, shared by every node), so the table holds
/// ciphertext only. A draft is saved only for a task the person could complete now; it goes when the task ends or is
/// handed to someone else (<see cref="TaskChangeEffects"/>, in the same transaction), when the person discards it, and
/// after <see cref="Lifetime"/> (<see cref="TaskDraftSweeper"/>; an older draft is never returned meanwhile).
/// </summary>
public sealed class TaskDrafts(OrchestratorDbContext db, TaskLookup lookup, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The data-protection purpose of drafts (a key rotation keeps old drafts readable; deleting the key ring loses them).</summary>
    public const string Purpose = "Orchestrator.Tasks.Drafts.v1";

    /// <summary>The largest draft, as JSON text (bytes).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>How long a draft is kept after its last save.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The actor's draft of a task, or <c>null</c> (none, expired, or the task is no longer theirs to complete).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="actor">Whose draft.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not one the actor may read.</exception>
    public async Task<TaskDraft?> GetAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await lookup.GetAsync(taskId, actor, ct).ConfigureAwait(false);
        var me = actor.Id;
        var row = await db.TaskDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.TaskId == taskId && d.UserId == me, ct).ConfigureAwait(false);
        if (row is null || row.UpdatedAt < time.GetUtcNow() - Lifetime)
        {
            return null;
        }

        var json = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(row.Content)));
        return new TaskDraft(taskId, JsonNode.Parse(json) as JsonObject ?? [], row.UpdatedAt);
    }

    /// <summary>Saves (replaces) the actor's draft of a task they could complete now.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="data">The form data so far.</param>
    /// <param name="actor">Whose draft.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The draft as saved.</returns>
    /// <exception cref="ArgumentException">The data is larger than <see cref="MaxBytes"/>.</exception>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not the actor's to complete (someone else holds it).</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open (the message says who completed it).</exception>
    public async Task<TaskDraft> SaveAsync(string taskId, JsonObject data, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(actor);
        var json = data.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        if (bytes.Length > MaxBytes)
        {
            throw new ArgumentException($"data: a draft may hold at most {MaxBytes / 1024} KiB; this one has {bytes.Length / 1024} KiB.", nameof(data));
        }

        var details = await lookup.GetAsync(taskId, actor, ct).ConfigureAwait(false);
        if (details.Status != TaskStatuses.Open)
        {
            throw new WorkflowConflictException(details.Status == TaskStatuses.Completed
                ? $"Task {taskId} is no longer open: it was completed{(details.EndedByName is { } by ? " by " + by : "")}."
                : $"Task {taskId} is no longer open: it was cancelled.");
        }

        if (!details.MayComplete)
        {
            throw new WorkflowForbiddenException($"Task {taskId} is claimed by {details.Task.AssigneeName}; only they keep a draft of it.");
        }

        var me = ColumnText.Fit(actor.Id, OrchestratorModel.NameLength);
        var content = WebEncoders.Base64UrlEncode(_protector.Protect(bytes));
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var updated = await db.TaskDrafts.Where(d => d.TaskId == taskId && d.UserId == me)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Content, content).SetProperty(d => d.UpdatedAt, now), ct).ConfigureAwait(false);
            if (updated > 0)
            {
                break;
            }

            db.TaskDrafts.Add(new TaskDraftRecord { TaskId = taskId, UserId = me, Content = content, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                break;
            }
            catch (DbUpdateException e) when (attempt < 3 && DatabaseProviders.IsConcurrencyConflict(e))
            {
                // The same person's other save (a second tab) inserted it first: update that row instead.
                db.ChangeTracker.Clear();
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return new TaskDraft(taskId, JsonNode.Parse(json) as JsonObject ?? [], now);
    }

    /// <summary>Discards the actor's draft of a task (nothing happens when there is none).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="actor">Whose draft.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task DeleteAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var me = actor.Id;
        await db.TaskDrafts.Where(d => d.TaskId == taskId && d.UserId == me).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Deletes every draft older than <see cref="Lifetime"/>.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many went.</returns>
    public Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - Lifetime;
        return db.TaskDrafts.Where(d => d.UpdatedAt < before).ExecuteDeleteAsync(ct);
    }
}
