using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>
/// Who may open a child's case file, and the audit row every read leaves (history types <c>CaseRead</c>,
/// <c>CaseMatchRead</c>, <c>CaseListRead</c>, <c>CaseReadRefused</c>: who, when, which case). Every service that shows
/// something of a case file asks here first.
/// </summary>
public sealed class CaseAccess(OrchestratorDbContext db, TimeProvider time)
{
    /// <summary>
    /// Whether <paramref name="actor"/> may open this child's file. Coordinators, data managers and admins open every
    /// file; other staff (and programs with their roles) only the files on their caseload: a case they registered or
    /// are the reference educator of, one with a task they claimed or completed, or one with an open task offered to
    /// them or to one of their groups (the task in their inbox) — any instance whose business key is the case's
    /// reference, called journeys included (they inherit it). A refusal is audited like a read.
    /// </summary>
    /// <param name="child">The case.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowForbiddenException">Not on the actor's caseload (the refusal is audited).</exception>
    public async Task EnsureOnCaseloadAsync(ChildCase child, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(actor);
        if (SeesEveryCase(actor) || child.CreatedBy == actor.Id || (child.ReferenceEducator is { } educator && (educator == actor.Id || educator == actor.DisplayName)))
        {
            return;
        }

        var reference = child.Reference;
        var groups = actor.Roles.ToList();
        var id = actor.Id;
        var onCaseload = await db.Tasks.AsNoTracking()
            .Where(t => db.Instances.Any(i => i.Id == t.InstanceId && i.BusinessKey == reference))
            .AnyAsync(t => t.Assignee == id || t.EndedBy == id
                || (t.Status == TaskStatuses.Open && t.Candidates.Any(c => (c.Kind == CandidateKinds.User && c.Name == id) || (c.Kind == CandidateKinds.Group && groups.Contains(c.Name)))), ct)
            .ConfigureAwait(false);
        if (!onCaseload)
        {
            await AuditAsync(child.Id, "CaseReadRefused", actor, ct).ConfigureAwait(false);
            throw new WorkflowForbiddenException($"Case {reference} is not on your caseload: you have no task in it and are not its reference educator. A coordinator can open it.");
        }
    }

    /// <summary>Writes an audit row now (its own save: a read has no transaction of its own).</summary>
    /// <param name="caseId">The case, or <c>null</c> for a list.</param>
    /// <param name="type">The history type.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="detail">What else to keep (a list's filter).</param>
    public async Task AuditAsync(string? caseId, string type, Actor actor, CancellationToken ct, JsonObject? detail = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.History.Add(new HistoryRecord
        {
            InstanceId = null,
            At = time.GetUtcNow(),
            Type = type,
            ItemId = caseId,
            UserId = CaseInput.Limit(actor.Id),
            Detail = detail?.ToJsonString(),
        });
        CaseLengths.Check(db);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>Coordinators, data managers and admins open every case file.</summary>
    /// <param name="actor">Who.</param>
    public static bool SeesEveryCase(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.SeesAllTasks || actor.Roles.Contains(Security.Roles.DataManager);
    }
}
