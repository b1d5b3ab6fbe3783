using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>
/// The base of the service-task handlers that bind the journeys to the case domain. An attempt
/// (<see cref="ExecuteAsync"/>) reads its inputs and checks them against the database outside any transaction: a
/// missing variable or an unknown id is a technical failure naming the variable (retries, then an incident), a business
/// refusal is a BPMN error. The change itself is written in <see cref="OnCompletingAsync"/>, inside the transaction that
/// completes the job, so the case row and the workflow step commit together or not at all.
/// </summary>
/// <typeparam name="TInput">What the attempt parsed and checked, carried to the completion.</typeparam>
public abstract class CaseJobHandler<TInput> : ITransactionalJobHandler
    where TInput : class
{
    private readonly IServiceScopeFactory _scopes;

    /// <summary>Creates the handler.</summary>
    /// <param name="scopes">For the attempt's own (read-only) DbContext.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The settings.</param>
    protected CaseJobHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    {
        _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));
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
    public async ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                return await AttemptAsync(new JobInputs(Type, context.Variables), db, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CaseInputException e)
        {
            return JobOutcome.Fail($"{Type}: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public async Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(change);
        if (outcome.Attachment is not TInput input)
        {
            throw new InvalidOperationException($"{Type}: the completion carries no checked input.");
        }

        await ApplyAsync(input, change, cancellationToken).ConfigureAwait(false);
    }

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
    protected static JobOutcome Complete(TInput input, JsonObject? output = null) => JobOutcome.Complete(output, input);

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

/// <summary>Reads a job's variables, naming the missing one.</summary>
/// <param name="type">The job type (for messages).</param>
/// <param name="variables">The variables (input mappings applied).</param>
public sealed class JobInputs(string type, JsonObject variables)
{
    /// <summary>The variables.</summary>
    public JsonObject Variables { get; } = variables ?? throw new ArgumentNullException(nameof(variables));

    /// <summary>The job type.</summary>
    public string Type { get; } = type;

    /// <summary>A non-empty string.</summary>
    /// <param name="name">The variable.</param>
    /// <exception cref="CaseInputException">Missing, null, empty or not a string.</exception>
    public string Required(string name) =>
        Optional(name) ?? throw new CaseInputException(name, "the variable is missing (or empty).");

    /// <summary>A string, or <c>null</c> when missing, null or empty.</summary>
    /// <param name="name">The variable.</param>
    /// <exception cref="CaseInputException">Present but not a string (numbers are taken as text).</exception>
    public string? Optional(string name)
    {
        var node = Variables[name];
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null,
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.Null => null,
            _ => throw new CaseInputException(name, $"must be text, not {node.GetValueKind().ToString().ToLowerInvariant()}."),
        };
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="allowed">The values.</param>
    public string OneOf(string name, IReadOnlyList<string> allowed)
    {
        var value = Required(name);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new CaseInputException(name, $"'{value}' is not one of {string.Join(", ", allowed)}.");
    }

    /// <summary>A whole number, or <c>null</c> when missing.</summary>
    /// <param name="name">The variable.</param>
    public int? OptionalInt(string name)
    {
        var node = Variables[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var n))
        {
            return n;
        }

        if (node.GetValueKind() == JsonValueKind.String && int.TryParse(node.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new CaseInputException(name, "must be a whole number.");
    }

    /// <summary>A flag, or <c>null</c> when missing.</summary>
    /// <param name="name">The variable.</param>
    public bool? OptionalBool(string name) => Variables[name]?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new CaseInputException(name, "must be true or false."),
    };

    /// <summary>An instant, or <c>null</c> when missing: ISO 8601, or FEEL's zoned form (<c>2029-01-03T10:55:50@America/Mexico_City</c>).</summary>
    /// <param name="name">The variable.</param>
    public DateTimeOffset? OptionalInstant(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        // A date-time computed in FEEL (now(), date and time(...)) is stored with the engine's zone id, not an offset.
        if (IsoTimer.TryParseZoned(text, out var zoned))
        {
            return zoned;
        }

        throw new CaseInputException(name, $"'{text}' is not a date-time (ISO 8601, or FEEL's date-time@zone).");
    }
}

/// <summary><c>case.setPhase</c>: records a phase change in the case file (plans are reviewed at every change of phase).</summary>
public sealed class SetPhaseHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<SetPhaseHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.setPhase";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var phase = inputs.OneOf("phase", CasePhases.All);
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        return Complete(new Input(caseId, phase, inputs.Optional("reason")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        var from = child.Phase;
        if (from == input.Phase)
        {
            // Already there (a called journey closed the case before its caller does): no second event, and the phase
            // keeps the date it was reached.
            return;
        }

        child.Phase = input.Phase;
        child.PhaseSince = change.Now;
        child.UpdatedAt = change.Now;
        child.RowVersion++;
        AddEvent(change, child.Id, CaseEventTypes.PhaseChanged, from, input.Phase, input.Reason);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Phase">The new phase.</param>
    /// <param name="Reason">Why (closure reason).</param>
    public sealed record Input(string CaseId, string Phase, string? Reason);
}

/// <summary>
/// <c>case.assignPlacement</c>: places the child. Refuses with <c>FACILITY_FULL</c> (no place for the child and the
/// siblings in care), <c>AGE_OUT_OF_RANGE</c>, <c>SEX_MISMATCH</c> or <c>FAMILY_NOT_AVAILABLE</c>, with the reason in
/// the variable <c>placementRefusal</c>. Records the child's opinion (<c>childOpinion</c>) at this decision, and with a
/// first-reception placement the profile flags of the referral form (<c>victimOfCrime</c>, <c>lgbttti</c>, …).
/// </summary>
public sealed class AssignPlacementHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<AssignPlacementHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.assignPlacement";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var placementType = inputs.OneOf("placementType", PlacementTypes.All);
        var placementId = placementType == PlacementTypes.ExtendedFamily ? null : inputs.Required("facilityId");
        var child = await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        var refusal = await CaseRules.CheckPlacementAsync(db, child, placementType, placementId, Today, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            return JobOutcome.BpmnError(refusal.ErrorCode, refusal.Message, new JsonObject { ["placementRefusal"] = refusal.Message });
        }

        // The referral to first reception is where detection's profile flags are recorded (the referral form's checkboxes).
        var flags = placementType == PlacementTypes.FirstReception ? FlagsOf(inputs) : null;
        return Complete(new Input(caseId, placementType, placementId, inputs.Optional("childOpinion")) { Flags = flags });
    }

    private static ProfileFlags? FlagsOf(JobInputs inputs)
    {
        var names = new[] { "victimOfCrime", "lgbttti", "traffickingVictim", "extremeViolenceVictim", "indigenous", "disability", "pregnantOrWithChild" };
        var values = names.Select(inputs.OptionalBool).ToArray();
        if (values.All(v => v is null))
        {
            return null;
        }

        return new ProfileFlags
        {
            VictimOfCrime = values[0] == true,
            Lgbttti = values[1] == true,
            TraffickingVictim = values[2] == true,
            ExtremeViolenceVictim = values[3] == true,
            Indigenous = values[4] == true,
            Disability = values[5] == true,
            PregnantOrWithChild = values[6] == true,
        };
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var db = change.Db;
        var child = await TrackedCaseAsync(db, input.CaseId, ct).ConfigureAwait(false);

        // Lock the place first (an UPDATE takes the row lock; on PostgreSQL a concurrent placement into the same place
        // waits here until the other commits), THEN count: under read committed the count sees every placement that
        // committed before us, so two placements into the last place cannot both pass. SQLite serialises writers anyway.
        if (input.PlacementType == PlacementTypes.FosterFamily)
        {
            var id = input.PlacementId!;
            await db.FosterFamilies().Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RowVersion, f => f.RowVersion + 1).SetProperty(f => f.UpdatedAt, change.Now), ct).ConfigureAwait(false);
        }
        else if (input.PlacementId is { } placeId)
        {
            await db.Facilities().Where(f => f.Id == placeId)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RowVersion, f => f.RowVersion + 1), ct).ConfigureAwait(false);
        }

        // Checked again inside the transaction: another child may have taken the last place since the attempt. Then
        // nothing commits and the job runs again, and its next attempt answers with the refusal.
        if (await CaseRules.CheckPlacementAsync(db, child, input.PlacementType, input.PlacementId, Today, ct).ConfigureAwait(false) is { } refusal)
        {
            throw new WorkflowConflictException($"{JobType}: {refusal.Message} (the place was taken since the attempt; the job runs again).");
        }

        var from = child.PlacementType is null ? null : $"{child.PlacementType}:{child.PlacementId}";
        child.PlacementType = input.PlacementType;
        child.PlacementId = input.PlacementId;
        child.PlacementSince = change.Now;
        child.UpdatedAt = change.Now;
        child.RowVersion++;
        if (input.Flags is { } f)
        {
            // A flag once recorded stays: the referral adds what detection found, it does not clear the case file's.
            var c = child.Flags;
            child.Flags = new ProfileFlags
            {
                VictimOfCrime = c.VictimOfCrime || f.VictimOfCrime,
                Lgbttti = c.Lgbttti || f.Lgbttti,
                TraffickingVictim = c.TraffickingVictim || f.TraffickingVictim,
                ExtremeViolenceVictim = c.ExtremeViolenceVictim || f.ExtremeViolenceVictim,
                Indigenous = c.Indigenous || f.Indigenous,
                Disability = c.Disability || f.Disability,
                PregnantOrWithChild = c.PregnantOrWithChild || f.PregnantOrWithChild,
            };
        }

        AddEvent(change, child.Id, CaseEventTypes.PlacementAssigned, from, $"{input.PlacementType}:{input.PlacementId}", null);
        AddOpinion(change, child.Id, "placement", input.ChildOpinion);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="PlacementType">The placement type.</param>
    /// <param name="PlacementId">The facility or family; <c>null</c> for extended family.</param>
    /// <param name="ChildOpinion">The child's opinion, if recorded with the decision.</param>
    public sealed record Input(string CaseId, string PlacementType, string? PlacementId, string? ChildOpinion)
    {
        /// <summary>Profile flags recorded with the referral to first reception, if the process has them.</summary>
        public ProfileFlags? Flags { get; init; }
    }
}

/// <summary><c>case.recordEvaluation</c>: appends an evaluation (with the child's opinion) to the case file.</summary>
public sealed class RecordEvaluationHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordEvaluationHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.recordEvaluation";

    /// <summary>The kinds of evaluation.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["life-plan", "independence-plan"];

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var kind = inputs.OneOf("kind", Kinds);
        var progress = inputs.Required("progress");
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        return Complete(new Input(caseId, kind, progress, inputs.Optional("childOpinion")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        child.UpdatedAt = change.Now;
        child.RowVersion++;
        change.Db.Add(new LifePlanEvaluation
        {
            Id = Guid.NewGuid(),
            CaseId = input.CaseId,
            Kind = input.Kind,
            Progress = input.Progress,
            ChildOpinion = input.ChildOpinion,
            EvaluatedAt = change.Now,
            InstanceId = change.InstanceId,
        });
        AddOpinion(change, input.CaseId, input.Kind + "-evaluation", input.ChildOpinion);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Kind">life-plan or independence-plan.</param>
    /// <param name="Progress">Progress.</param>
    /// <param name="ChildOpinion">The child's opinion.</param>
    public sealed record Input(string CaseId, string Kind, string Progress, string? ChildOpinion);
}

/// <summary><c>case.recordEvent</c>: records an event (<c>left-shelter</c>) in the case file.</summary>
public sealed class RecordCaseEventJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordCaseEventJob.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.recordEvent";

    /// <summary>The events a workflow may record.</summary>
    public static IReadOnlyList<string> Events { get; } = [CaseEventTypes.LeftShelter];

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var kind = inputs.OneOf("event", Events);
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        return Complete(new Input(caseId, kind, inputs.Optional("circumstances") ?? inputs.Optional("notes")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        child.UpdatedAt = change.Now;
        child.RowVersion++;
        AddEvent(change, child.Id, input.Event, child.PlacementId, null, input.Detail);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Event">The event.</param>
    /// <param name="Detail">What staff wrote about it.</param>
    public sealed record Input(string CaseId, string Event, string? Detail);
}

/// <summary>
/// <c>family.certify</c>: issues (or renews) DIF's certificate of aptitude. The number is
/// <c>{Cases:CertificatePrefix}-{year}-{family reference}</c> (a renewal keeps it); the expiry is the input
/// <c>expiresAt</c>, else <c>Cases:CertificateValidityMonths</c> from now. Outputs <c>certificateNumber</c> and
/// <c>certificateValidUntil</c>, the expiry as the register holds it (ISO 8601 in UTC, whatever form <c>expiresAt</c> came in).
/// </summary>
public sealed class CertifyFamilyHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<CertifyFamilyHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.certify";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        var family = await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        if (family.Status == FosterFamilyStatus.Closed)
        {
            throw new CaseInputException("familyId", $"foster family {family.Reference} left the programme ({family.ClosureReason}); a closed family is not certified.");
        }

        var now = Time.GetUtcNow();
        var expires = inputs.OptionalInstant("expiresAt") ?? now.AddMonths(Options.CertificateValidityMonths);
        var number = family.CertificateNumber
            ?? string.Create(CultureInfo.InvariantCulture, $"{Options.CertificatePrefix}-{now.Year}-{family.Reference}");
        // The expiry goes out as plain ISO 8601, not FEEL's date-time@zone: letters and emails print it as a date.
        return Complete(new Input(familyId, number, expires), new JsonObject
        {
            ["certificateNumber"] = number,
            ["certificateValidUntil"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.CertificateNumber = input.CertificateNumber;
        family.CertifiedAt = change.Now;
        family.CertificateExpiresAt = input.ExpiresAt;
        if (family.Status is not FosterFamilyStatus.Active)
        {
            family.Status = FosterFamilyStatus.Certified;
        }

        family.UpdatedAt = change.Now;
        family.RowVersion++;
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="CertificateNumber">The number.</param>
    /// <param name="ExpiresAt">The expiry.</param>
    public sealed record Input(string FamilyId, string CertificateNumber, DateTimeOffset ExpiresAt);
}

/// <summary>
/// <c>family.register</c>: enters a certified family in the register used for matching (status <c>active</c>), with the
/// characteristics of the application when the journey has them (<c>capacity</c>, <c>languages</c>, <c>householdNotes</c>).
/// </summary>
public sealed class RegisterFamilyHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RegisterFamilyHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.register";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        var family = await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        if (family.CertificateNumber is null)
        {
            throw new CaseInputException("familyId", $"foster family {family.Reference} has no certificate of aptitude; family.certify comes first.");
        }

        var capacity = inputs.OptionalInt("capacity");
        if (capacity is < 1)
        {
            throw new CaseInputException("capacity", "must be at least 1.");
        }

        return Complete(new Input(familyId, capacity, inputs.Optional("languages"), inputs.Optional("householdNotes")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.Capacity = input.Capacity ?? family.Capacity;
        family.Languages = input.Languages ?? family.Languages;
        family.HouseholdNotes = input.HouseholdNotes ?? family.HouseholdNotes;
        family.Status = FosterFamilyStatus.Active;
        family.ClosureReason = null;
        family.RegisteredAt ??= change.Now;
        family.UpdatedAt = change.Now;
        family.RowVersion++;
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="Capacity">Capacity from the application.</param>
    /// <param name="Languages">Languages from the application.</param>
    /// <param name="HouseholdNotes">Notes from the application.</param>
    public sealed record Input(string FamilyId, int? Capacity, string? Languages, string? HouseholdNotes);
}

/// <summary>
/// <c>family.setStatus</c>: records a family's status. The journeys' <c>dropped-out</c>, <c>rejected</c>,
/// <c>withdrawn</c> and <c>expired</c> close the family (it leaves the register) with that reason; the statuses of
/// <see cref="FosterFamilyStatus"/> (<c>informed</c>, <c>suspended</c>, …) are taken as they are.
/// </summary>
public sealed class SetFamilyStatusHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<SetFamilyStatusHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.setStatus";

    /// <summary>The reasons that close a family.</summary>
    public static IReadOnlyList<string> ClosureReasons { get; } = ["dropped-out", "rejected", "withdrawn", "expired"];

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        var status = inputs.Required("status");
        FosterFamilyStatus target;
        string? reason = null;
        if (ClosureReasons.Contains(status, StringComparer.Ordinal))
        {
            target = FosterFamilyStatus.Closed;
            reason = status;
        }
        else if (!FosterFamilyStatuses.TryParse(status, out target))
        {
            throw new CaseInputException("status", $"'{status}' is not one of {string.Join(", ", ClosureReasons.Concat(Enum.GetValues<FosterFamilyStatus>().Select(FosterFamilyStatuses.ToKey)))}.");
        }

        await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        return Complete(new Input(familyId, target, reason));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.Status = input.Status;
        family.ClosureReason = input.ClosureReason;
        family.UpdatedAt = change.Now;
        family.RowVersion++;
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="Status">The status.</param>
    /// <param name="ClosureReason">Why it closed.</param>
    public sealed record Input(string FamilyId, FosterFamilyStatus Status, string? ClosureReason);
}

/// <summary>
/// <c>family.recordPlacement</c>: records the closure (<c>event</c> = <c>closed</c>) of a placement in the register: the
/// family's count of closed placements goes up, and a child still placed with the family (<c>caseId</c>, when given)
/// leaves the placement.
/// </summary>
public sealed class RecordFamilyPlacementHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordFamilyPlacementHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.recordPlacement";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        inputs.OneOf("event", ["closed"]);
        await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        var caseId = inputs.Optional("caseId");
        if (caseId is not null)
        {
            await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        }

        return Complete(new Input(familyId, caseId));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.PlacementsClosed++;
        family.UpdatedAt = change.Now;
        family.RowVersion++;
        if (input.CaseId is not null)
        {
            var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
            if (child.PlacementType == PlacementTypes.FosterFamily && child.PlacementId == input.FamilyId)
            {
                AddEvent(change, child.Id, CaseEventTypes.PlacementAssigned, $"{child.PlacementType}:{child.PlacementId}", null, "placement with the foster family closed");
                child.PlacementType = null;
                child.PlacementId = null;
                child.PlacementSince = null;
                child.UpdatedAt = change.Now;
                child.RowVersion++;
            }
        }
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="CaseId">The child whose placement ended, if the journey knows it.</param>
    public sealed record Input(string FamilyId, string? CaseId);
}
