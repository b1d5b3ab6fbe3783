using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// Registers a detected child as the intake worker does within the detection window (scoped): opens the case file
/// (<see cref="CaseService.CreateCaseAsync"/>, the call behind <c>POST /api/cases</c>) and starts <c>child-journey</c>
/// for it (<see cref="WorkflowService.StartAsync"/>, the call behind <c>POST /api/processes/child-journey/instances</c>)
/// with the start variables the journey documents. The journey's first task is the referral to a first reception CAS,
/// due <c>referralLimitHours</c> (24) after the start.
/// </summary>
public sealed class CaseRegistrationService(OrchestratorDbContext db, CaseService cases, WorkflowService workflows, ILogger<CaseRegistrationService> logger)
{
    /// <summary>The journey a detected child starts.</summary>
    public const string JourneyProcessId = "child-journey";

    /// <summary>Opens the case file and starts the child's journey.</summary>
    /// <param name="request">The child and, optionally, the consulate.</param>
    /// <param name="actor">Who registers.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case, the journey and its first task; or the case and why its journey did not start.</returns>
    /// <exception cref="CaseInputException">A field of the child is missing or not allowed, or the consulate is unknown; nothing was created.</exception>
    /// <exception cref="WorkflowNotFoundException"><c>child-journey</c> is not deployed; nothing was created.</exception>
    public async Task<RegisteredChild> RegisterAsync(ChildRegistrationRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var child = request.Child ?? throw new CaseInputException("child", "is required: the child's givenNames, nationality, ….");
        if (!(await workflows.ListDefinitionsAsync(ct).ConfigureAwait(false)).Any(d => d.ProcessId == JourneyProcessId))
        {
            throw new WorkflowNotFoundException($"No process '{JourneyProcessId}' is deployed: deploy workflows/child-journey.bpmn before registering children.");
        }

        var consulate = await ConsulateAsync(request.ConsulateId, child.Nationality, ct).ConfigureAwait(false);
        var created = await cases.CreateCaseAsync(child, actor, ct).ConfigureAwait(false);
        string instanceId;
        try
        {
            instanceId = await StartAsync(created, consulate, actor, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The file is open (its reference is allocated and audited); the journey can be started from it later.
            CaseRegistrationLog.JourneyNotStarted(logger, e, created.Reference);
            return new RegisteredChild(created.Id, created.Reference, null, null, e.Message);
        }

        return new RegisteredChild(created.Id, created.Reference, instanceId, await FirstTaskAsync(instanceId, ct).ConfigureAwait(false), null);
    }

    /// <summary>Starts <c>child-journey</c> for a case that has none (its registration could not start it, or it was opened through <c>POST /api/cases</c>).</summary>
    /// <param name="caseIdOrReference">The case id or reference.</param>
    /// <param name="consulateId">The consulate; default: the one of the child's nationality.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    /// <exception cref="WorkflowConflictException">The case has a <c>child-journey</c> already.</exception>
    public async Task<string> StartJourneyAsync(string caseIdOrReference, string? consulateId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var child = await db.ChildCases().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseIdOrReference || c.Reference == caseIdOrReference, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseIdOrReference}'.");
        if (await HasJourneyAsync(child.Reference, ct).ConfigureAwait(false))
        {
            throw new WorkflowConflictException($"Case {child.Reference} has a {JourneyProcessId} already; a child has one journey.");
        }

        var consulate = await ConsulateAsync(consulateId, child.Nationality, ct).ConfigureAwait(false);
        return await StartAsync(child, consulate, actor, ct).ConfigureAwait(false);
    }

    /// <summary>Whether a case has a <c>child-journey</c> (running or ended).</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<bool> HasJourneyAsync(string reference, CancellationToken ct) =>
        db.Instances.AsNoTracking().AnyAsync(i => i.BusinessKey == reference && i.ProcessId == JourneyProcessId, ct);

    private async Task<string> StartAsync(ChildCase child, Consulate? consulate, Actor actor, CancellationToken ct)
    {
        // Reminders go to the social workers, escalations to the coordinators (orc:to takes a list); with nobody of a
        // group holding an address, to the person who registered the child.
        var own = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id).Select(u => u.Email).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var coordinators = await EmailsOfAsync(Roles.Coordinator, ct).ConfigureAwait(false) ?? own;
        var socialWorkers = await EmailsOfAsync(Roles.SocialWorker, ct).ConfigureAwait(false) ?? own;
        var variables = new JsonObject
        {
            ["caseId"] = child.Id,
            ["caseReference"] = child.Reference,
            ["coordinatorEmail"] = coordinators,
            ["socialWorkerEmail"] = socialWorkers,
            ["consulateEmail"] = consulate?.Email,
            ["asylumClaimPending"] = child.AsylumStatus == AsylumStatuses.Pending,
            ["birthDate"] = child.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return await workflows.StartAsync(JourneyProcessId, variables, child.Reference, actor, ct).ConfigureAwait(false);
    }

    private async Task<string?> EmailsOfAsync(string role, CancellationToken ct)
    {
        var normalised = role.ToUpperInvariant();
        var emails = await (
                from r in db.Roles.AsNoTracking()
                join link in db.UserRoles.AsNoTracking() on r.Id equals link.RoleId
                join user in db.Users.AsNoTracking() on link.UserId equals user.Id
                where r.NormalizedName == normalised && user.Email != null && user.Email != ""
                select user.Email)
            .ToListAsync(ct).ConfigureAwait(false);
        var list = emails.Where(e => Notifications.EmailAddresses.IsPlain(e!)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join(", ", list);
    }

    private async Task<Consulate?> ConsulateAsync(string? consulateId, string? nationality, CancellationToken ct)
    {
        var consulates = await db.Consulates().AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(consulateId))
        {
            return consulates.SingleOrDefault(c => c.Id == consulateId.Trim())
                ?? throw new CaseInputException("consulateId", $"'{consulateId}' is not a consulate of the directory; known: {string.Join(", ", consulates.Select(c => c.Id).Order(StringComparer.Ordinal))}.");
        }

        // The consulate of the child's nationality ("Guatemala" finds the consulate of Guatemala, whatever the accents or case).
        var wanted = FoldedText.Of(nationality);
        return wanted.Length == 0 ? null : consulates.Where(c => FoldedText.Of(c.Country) == wanted).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task<CaseOpenTask?> FirstTaskAsync(string instanceId, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().Include(t => t.Candidates)
            .Where(t => t.InstanceId == instanceId && t.Status == TaskStatuses.Open)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return task is null ? null : new CaseOpenTask(task.Id, task.InstanceId, task.ProcessId, task.ElementId, task.Name, task.CreatedAt, task.Due, task.Assignee,
            [.. task.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name).Order(StringComparer.Ordinal)], false);
    }
}
