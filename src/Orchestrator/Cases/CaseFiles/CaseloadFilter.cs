using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The caseload rule of <see cref="CaseService.GetCaseAsync"/> as a query over many cases at once, for the lists and the
/// search of the case pages and for the case-file reads that do not load the whole file (documents, journeys).
/// Coordinators, data managers and admins see every case; other staff the cases they registered or are the reference
/// educator of, and those with a task (of any instance whose business key is the case's reference) that is open and
/// offered to them or one of their groups, or that they claimed or completed. <c>CaseloadFilterTests</c> holds this
/// and the one-case check to the same answers.
/// </summary>
public static class CaseloadFilter
{
    /// <summary>Whether <paramref name="actor"/> sees every case file.</summary>
    /// <param name="actor">The caller.</param>
    /// <returns><c>true</c> for coordinators, data managers and admins.</returns>
    public static bool SeesEveryCase(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.SeesAllTasks || actor.Roles.Contains(Roles.DataManager);
    }

    /// <summary>The cases of <paramref name="cases"/> on <paramref name="actor"/>'s caseload.</summary>
    /// <param name="cases">A query over case files.</param>
    /// <param name="db">The context the query runs in.</param>
    /// <param name="actor">The caller.</param>
    /// <returns>The filtered query.</returns>
    public static IQueryable<ChildCase> OnCaseloadOf(this IQueryable<ChildCase> cases, OrchestratorDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(db);
        if (SeesEveryCase(actor))
        {
            return cases;
        }

        var id = actor.Id;
        var name = actor.DisplayName;
        var groups = actor.Roles.ToList();
        return cases.Where(c => c.CreatedBy == id || c.ReferenceEducator == id || c.ReferenceEducator == name
            || db.Tasks.Any(t => db.Instances.Any(i => i.Id == t.InstanceId && i.BusinessKey == c.Reference)
                && (t.Assignee == id || t.EndedBy == id
                    || (t.Status == TaskStatuses.Open && t.Candidates.Any(k => (k.Kind == CandidateKinds.User && k.Name == id) || (k.Kind == CandidateKinds.Group && groups.Contains(k.Name)))))));
    }

    /// <summary>
    /// The case <paramref name="caseIdOrReference"/> when it is on <paramref name="actor"/>'s caseload. A refusal is
    /// audited (<c>CaseReadRefused</c>, as <see cref="CaseService.GetCaseAsync"/> does) and answered 403.
    /// </summary>
    /// <param name="db">The context.</param>
    /// <param name="caseIdOrReference">The case id or reference.</param>
    /// <param name="actor">The caller.</param>
    /// <param name="at">Now (for the refusal's audit row).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case's id and reference.</returns>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    /// <exception cref="WorkflowForbiddenException">Not on the caller's caseload.</exception>
    public static async Task<(string Id, string Reference)> EnsureAsync(OrchestratorDbContext db, string caseIdOrReference, Actor actor, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await db.ChildCases().AsNoTracking().Where(c => c.Id == caseIdOrReference || c.Reference == caseIdOrReference)
            .Select(c => new { c.Id, c.Reference }).SingleOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseIdOrReference}'.");
        if (!await db.ChildCases().AsNoTracking().Where(c => c.Id == found.Id).OnCaseloadOf(db, actor).AnyAsync(ct).ConfigureAwait(false))
        {
            CaseFileAudit.Add(db, found.Id, "CaseReadRefused", actor, at);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            throw new WorkflowForbiddenException($"Case {found.Reference} is not on your caseload: you have no task in it and are not its reference educator. A coordinator can open it.");
        }

        return (found.Id, found.Reference);
    }
}
