using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// The base of the service-task handlers that bind the journeys to the case domain, in the one shape of
/// <see cref="TwoStepJobHandler{TPrepared}"/>. An attempt (<see cref="AttemptAsync"/>) reads its inputs and checks them
/// against the database outside any transaction: a missing variable or an unknown id is a technical failure naming the
/// variable (retries, then an incident), a business refusal is a BPMN error. The change itself is written in
/// <see cref="ApplyAsync"/>, inside the transaction that completes the job, so the case row and the workflow step commit
/// together or not at all.
/// </summary>
/// <typeparam name="TInput">What the attempt parsed and checked, carried to the completion.</typeparam>
public abstract class CaseJobHandler<TInput> : TwoStepJobHandler<TInput>
    where TInput : class
{
    /// <summary>Creates the handler.</summary>
    /// <param name="scopes">For the attempt's own (read-only) DbContext.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The settings.</param>
    protected CaseJobHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
        : base(scopes ?? throw new ArgumentNullException(nameof(scopes)))
    {
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
    }

    /// <summary>The job type (<c>orc:type</c>).</summary>
    public abstract string Type { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The settings.</summary>
    protected CasesOptions Options { get; }

    /// <inheritdoc/>
    protected override string ElementKind => Type;

    /// <summary>A case handler's failures start with its job type (<c>case.setPhase: caseId …</c>).</summary>
    /// <param name="context">The job.</param>
    protected override string Describe(JobContext context) => Type;

    /// <inheritdoc/>
    protected override async ValueTask<JobOutcome> PrepareAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var scope = Scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                return await AttemptAsync(new JobInputs(Type, context.Variables), db, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CaseInputException e)
        {
            return Fail(context, e.Message);
        }
    }

    /// <inheritdoc/>
    protected override Task StageAsync(JobContext context, TInput prepared, AppliedChange change, CancellationToken cancellationToken) =>
        ApplyAsync(prepared, change, cancellationToken);

    /// <summary>Parses and checks the inputs; returns <see cref="Complete"/>, a BPMN error or a failure.</summary>
    /// <param name="inputs">The job's variables.</param>
    /// <param name="db">A context of the attempt's own (read only; no transaction).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A missing or unknown value (becomes a failure naming it).</exception>
    protected abstract Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct);

    /// <summary>Writes the change in the completion's transaction (add or change rows of <see cref="AppliedChange.Db"/>; do not save).</summary>
    /// <param name="input">What the attempt checked.</param>
    /// <param name="change">The transaction.</param>
    /// <param name="ct">Cancellation.</param>
    protected abstract Task ApplyAsync(TInput input, AppliedChange change, CancellationToken ct);

    /// <summary>A completion carrying <paramref name="input"/> to <see cref="ApplyAsync"/>.</summary>
    /// <param name="input">The checked input.</param>
    /// <param name="output">Output variables.</param>
    protected static JobOutcome Complete(TInput input, JsonObject? output = null) => Prepared(input, output);

    /// <summary>The case with this id (tracked), or a conflict: it was there when the attempt checked it.</summary>
    /// <param name="db">The context.</param>
    /// <param name="caseId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<ChildCase> TrackedCaseAsync(OrchestratorDbContext db, string caseId, CancellationToken ct) =>
        await db.ChildCases().SingleOrDefaultAsync(c => c.Id == caseId, ct).ConfigureAwait(false)
        ?? throw new WorkflowConflictException($"Case {caseId} disappeared between the attempt and its completion; the job runs again.");

    /// <summary>The case with this id (read only), or bad input naming <c>caseId</c>.</summary>
    /// <param name="db">The context.</param>
    /// <param name="caseId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<ChildCase> ExistingCaseAsync(OrchestratorDbContext db, string caseId, CancellationToken ct) =>
        await db.ChildCases().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct).ConfigureAwait(false)
        ?? throw new CaseInputException("caseId", $"no case '{caseId}'.");

    /// <summary>The family with this id (read only), or bad input naming <c>familyId</c>.</summary>
    /// <param name="db">The context.</param>
    /// <param name="familyId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<FosterFamily> ExistingFamilyAsync(OrchestratorDbContext db, string familyId, CancellationToken ct) =>
        await db.FosterFamilies().AsNoTracking().SingleOrDefaultAsync(f => f.Id == familyId, ct).ConfigureAwait(false)
        ?? throw new CaseInputException("familyId", $"no foster family '{familyId}' (register it first: POST /api/foster-families).");

    /// <summary>The family with this id (tracked), or a conflict.</summary>
    /// <param name="db">The context.</param>
    /// <param name="familyId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<FosterFamily> TrackedFamilyAsync(OrchestratorDbContext db, string familyId, CancellationToken ct) =>
        await db.FosterFamilies().SingleOrDefaultAsync(f => f.Id == familyId, ct).ConfigureAwait(false)
        ?? throw new WorkflowConflictException($"Foster family {familyId} disappeared between the attempt and its completion; the job runs again.");

    /// <summary>The pseudonymous record with this id and its episodes (read only), or bad input naming <c>recordId</c>.</summary>
    /// <param name="db">The context.</param>
    /// <param name="recordId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<OpenDoorRecord> ExistingRecordAsync(OrchestratorDbContext db, string recordId, CancellationToken ct) =>
        await db.Set<OpenDoorRecord>().AsNoTracking().Include(r => r.Episodes).SingleOrDefaultAsync(r => r.Id == recordId, ct).ConfigureAwait(false)
        ?? throw new CaseInputException("recordId", $"no open-door record '{recordId}'.");

    /// <summary>The pseudonymous record with this id and its episodes (tracked), or a conflict.</summary>
    /// <param name="db">The context.</param>
    /// <param name="recordId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<OpenDoorRecord> TrackedRecordAsync(OrchestratorDbContext db, string recordId, CancellationToken ct) =>
        await db.Set<OpenDoorRecord>().Include(r => r.Episodes).SingleOrDefaultAsync(r => r.Id == recordId, ct).ConfigureAwait(false)
        ?? throw new WorkflowConflictException($"Open-door record {recordId} disappeared between the attempt and its completion; the job runs again.");

    /// <summary>The programme enrolment with this id (read only), or bad input naming <c>enrolmentId</c>.</summary>
    /// <param name="db">The context.</param>
    /// <param name="enrolmentId">The id.</param>
    /// <param name="ct">Cancellation.</param>
    protected static async Task<ProgrammeEnrolment> ExistingEnrolmentAsync(OrchestratorDbContext db, string enrolmentId, CancellationToken ct) =>
        (Guid.TryParse(enrolmentId, out var id) ? await db.Set<ProgrammeEnrolment>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct).ConfigureAwait(false) : null)
        ?? throw new CaseInputException("enrolmentId", $"no programme enrolment '{enrolmentId}'.");

    /// <summary>Adds a case event row.</summary>
    /// <param name="change">The transaction.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="type">The kind.</param>
    /// <param name="from">Before.</param>
    /// <param name="to">After.</param>
    /// <param name="detail">A reason.</param>
    protected static void AddEvent(AppliedChange change, string caseId, string type, string? from, string? to, string? detail)
    {
        ArgumentNullException.ThrowIfNull(change);
        change.Db.Add(new CaseEvent
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            At = change.Now,
            Type = type,
            From = from,
            To = to,
            Detail = detail,
            InstanceId = change.InstanceId,
            UserId = change.Actor.Id,
        });
    }

    /// <summary>Adds the child's opinion at a decision, when one was given.</summary>
    /// <param name="change">The transaction.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="opinion">The opinion, or <c>null</c>.</param>
    protected static void AddOpinion(AppliedChange change, string caseId, string decision, string? opinion)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (string.IsNullOrWhiteSpace(opinion))
        {
            return;
        }

        change.Db.Add(new ChildOpinion
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            Decision = decision,
            Opinion = opinion,
            RecordedAt = change.Now,
            RecordedBy = change.Actor.Id,
            InstanceId = change.InstanceId,
        });
    }

    /// <summary>Today in the programme's time zone is close enough to UTC's date for ages; the clock's UTC date.</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
}
