using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Tasks;

/// <summary>
/// The staff workspace's part of every engine command (scoped), inside its transaction: drafts of a task that ended
/// are deleted, and so are the drafts of everyone but the new holder when a task changes hands; after the commit the
/// changes go to <see cref="TaskChangeFeed"/>, which refreshes the open inboxes (of this node, and through PostgreSQL
/// of the others). A command run inside a caller's own transaction publishes nothing (its after-commit steps do not
/// run); the inboxes catch up on their next refresh.
/// </summary>
public sealed class TaskChangeEffects(TaskChangeFeed feed) : IWorkflowEffects
{
    /// <inheritdoc/>
    public async Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = change.Result;
        if (result.TasksCreated.Count == 0 && result.TasksUpdated.Count == 0 && result.TasksEnded.Count == 0)
        {
            return;
        }

        var db = change.Db;
        var changes = new List<TaskChange>();
        foreach (var t in result.TasksCreated)
        {
            changes.Add(new TaskChange(t.Id, "created", t.Assignee, null, t.CandidateGroups, t.CandidateUsers));
        }

        foreach (var t in result.TasksUpdated)
        {
            var previous = Tracked(db, t.Id) is { } row ? db.Entry(row).Property(x => x.Assignee).OriginalValue : null;
            changes.Add(new TaskChange(t.Id, "assigned", t.Assignee, previous, t.CandidateGroups, t.CandidateUsers));
            if (previous != t.Assignee)
            {
                var id = t.Id;
                var holder = t.Assignee;
                await db.TaskDrafts.Where(d => d.TaskId == id && (holder == null || d.UserId != holder)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var t in result.TasksEnded)
        {
            var row = Tracked(db, t.Id);
            var groups = row is not null && db.Entry(row).Collection(x => x.Candidates).IsLoaded
                ? row.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name).ToList()
                : null;
            var users = row?.Candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Name).ToList() ?? [];
            var holder = row is null ? null : db.Entry(row).Property(x => x.Assignee).OriginalValue;
            changes.Add(new TaskChange(t.Id, t.Reason == TaskEndReason.Completed ? "completed" : "cancelled", holder, holder, groups, users));
            var id = t.Id;
            await db.TaskDrafts.Where(d => d.TaskId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        change.AfterCommit(() => feed.Publish(changes));
    }

    private static TaskRecord? Tracked(OrchestratorDbContext db, string id) => db.Tasks.Local.FirstOrDefault(t => t.Id == id);
}
