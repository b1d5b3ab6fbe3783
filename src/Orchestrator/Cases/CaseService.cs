using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Programmes;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>
/// Child case files (open, read, list) and what staff add to them (restitution measures, life-plan objectives and
/// activities, the child's opinions, family tracing), for the API, the pages and the start-up seeding. Every read of a
/// case file is checked against the reader's caseload and audited (<see cref="CaseAccess"/>). Facilities, the
/// foster-family register and the consulates have services of their own.
/// </summary>
public sealed class CaseService(OrchestratorDbContext db, TimeProvider time, IOptions<CasesOptions> options, WorkflowOptions workflowOptions, CaseAccess access, SensitiveDataGuard guard)
{
    private readonly CasesOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>Opens a case file and allocates its reference (<c>CA-2026-0001</c>).</summary>
    /// <param name="request">The child.</param>
    /// <param name="actor">Who opens it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A field is missing or not allowed.</exception>
    public async Task<ChildCase> CreateCaseAsync(NewCaseRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        CaseInput.Require(request.GivenNames, "givenNames");
        CaseInput.Require(request.Nationality, "nationality");
        var sex = request.Sex ?? ChildSexes.Other;
        CaseInput.OneOf(sex, ChildSexes.All, "sex");
        var asylum = request.AsylumStatus ?? AsylumStatuses.None;
        CaseInput.OneOf(asylum, AsylumStatuses.All, "asylumStatus");
        var representative = request.LegalRepresentative is null or "none" ? null : CaseInput.OneOf(request.LegalRepresentative, LegalRepresentatives.All, "legalRepresentative");
        var now = time.GetUtcNow();
        if (request.BirthDate is { } birth && birth > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new CaseInputException("birthDate", "lies in the future.");
        }

        return await NumberedInsert.RunAsync(db, "case", workflowOptions.TimeZone, now, (year, number) =>
        {
            var child = new ChildCase
            {
                Id = "case-" + Guid.NewGuid().ToString("N")[..16],
                Reference = CaseRules.FormatReference(_options.ReferencePrefix, year, number),
                GivenNames = request.GivenNames!.Trim(),
                FamilyNames = request.FamilyNames?.Trim() ?? "",
                BirthDate = request.BirthDate,
                Sex = sex,
                Nationality = request.Nationality!.Trim(),
                Languages = request.Languages?.Trim() ?? "",
                Culture = request.Culture,
                Flags = request.Flags ?? new ProfileFlags(),
                Phase = CasePhases.Detection,
                PhaseSince = now,
                ReferenceEducator = request.ReferenceEducator,
                AsylumStatus = asylum,
                SiblingGroup = request.SiblingGroup,
                LegalRepresentative = representative,
                CreatedAt = now,
                CreatedBy = CaseInput.Limit(actor.Id),
                UpdatedAt = now,
            };
            db.Add(child);
            db.Add(new CaseEvent { Id = Guid.NewGuid(), CaseId = child.Id, At = now, Type = CaseEventTypes.Opened, To = CasePhases.Detection, UserId = CaseInput.Limit(actor.Id) });
            if (!string.IsNullOrWhiteSpace(request.ChildOpinion))
            {
                db.Add(new ChildOpinion { Id = Guid.NewGuid(), CaseId = child.Id, Decision = "first-interview", Opinion = request.ChildOpinion, RecordedAt = now, RecordedBy = CaseInput.Limit(actor.Id) });
            }

            return Task.FromResult(child);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a case file (as <see cref="CreateCaseAsync"/>) and answers it as <paramref name="actor"/> may see it: what
    /// the API and the pages show of the new file.
    /// </summary>
    /// <param name="request">The child.</param>
    /// <param name="actor">Who opens it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A field is missing or not allowed.</exception>
    public async Task<Redacted<ChildCase>> OpenCaseFileAsync(NewCaseRequest request, Actor actor, CancellationToken ct)
    {
        var child = await CreateCaseAsync(request, actor, ct).ConfigureAwait(false);
        return await guard.RedactAsync(child, child.Id, actor, "case-file", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A case file with its plans, evaluations, placement, opinions, events, programmes, consents and babies, as
    /// <paramref name="actor"/> may see it: only when it is on their caseload, and with a restricted marker for each
    /// sensitive field they do not read (<see cref="Redacted{T}.IsRestricted"/>). The read is audited, and so is every
    /// sensitive field shown.
    /// </summary>
    /// <param name="caseId">The case id or its reference.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    /// <exception cref="WorkflowForbiddenException">Not on the actor's caseload.</exception>
    public async Task<Redacted<ChildCase>> GetCaseAsync(string caseId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var child = await db.ChildCases().AsNoTracking().AsSplitQuery()
            .Include(c => c.Opinions).Include(c => c.RestitutionMeasures).Include(c => c.Objectives).ThenInclude(o => o.Activities)
            .Include(c => c.Evaluations).Include(c => c.FamilyTracing).Include(c => c.Events)
            .Include(c => c.Enrolments).Include(c => c.Consents).Include(c => c.Babies)
            .SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        await access.EnsureOnCaseloadAsync(child, actor, ct).ConfigureAwait(false);
        await access.AuditAsync(child.Id, "CaseRead", actor, ct).ConfigureAwait(false);
        child.Opinions = [.. child.Opinions.OrderBy(o => o.RecordedAt)];
        child.RestitutionMeasures = [.. child.RestitutionMeasures.OrderBy(m => m.CreatedAt)];
        child.Objectives = [.. child.Objectives.OrderBy(o => o.CreatedAt)];
        foreach (var o in child.Objectives)
        {
            o.Activities = [.. o.Activities.OrderBy(a => a.CreatedAt)];
        }

        child.Evaluations = [.. child.Evaluations.OrderBy(e => e.EvaluatedAt)];
        child.FamilyTracing = [.. child.FamilyTracing.OrderBy(f => f.RecordedAt)];
        child.Events = [.. child.Events.OrderBy(e => e.At)];
        child.Enrolments = [.. child.Enrolments.OrderBy(e => e.EnrolledAt)];
        child.Consents = [.. child.Consents.OrderBy(c => c.RecordedAt)];
        child.Babies = [.. child.Babies.OrderBy(b => b.RecordedAt)];
        return await guard.RedactAsync(child, child.Id, actor, "case-file", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Case summaries by reference, optionally of one phase: reference, phase and placement only, never names, birth
    /// date or profile flags — those are read one case at a time (<see cref="GetCaseAsync"/>), and each such read is audited.
    /// The list read itself is audited as one row.
    /// </summary>
    /// <param name="phase">A phase, or <c>null</c> for all.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<CaseSummary>> ListCasesAsync(string? phase, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (phase is not null)
        {
            CaseInput.OneOf(phase, CasePhases.All, "phase");
        }

        var query = db.ChildCases().AsNoTracking();
        if (phase is not null)
        {
            query = query.Where(c => c.Phase == phase);
        }

        var list = await query.OrderBy(c => c.Reference).Take(1000)
            .Select(c => new CaseSummary(c.Id, c.Reference, c.Phase, c.PhaseSince, c.PlacementType, c.PlacementId, c.PlacementSince, c.ReferenceEducator))
            .ToListAsync(ct).ConfigureAwait(false);
        await access.AuditAsync(null, "CaseListRead", actor, ct, phase is null ? null : new JsonObject { ["phase"] = phase }).ConfigureAwait(false);
        return list;
    }

    /// <summary>Adds a measure to the restitution plan.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="request">The measure.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<RestitutionMeasure> AddMeasureAsync(string caseId, NewMeasureRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        CaseInput.Require(request.RightConcerned, "rightConcerned");
        CaseInput.Require(request.Measure, "measure");
        CaseInput.Require(request.ResponsibleInstitution, "responsibleInstitution");
        var status = request.Status ?? MeasureStatuses.Planned;
        CaseInput.OneOf(status, MeasureStatuses.All, "status");
        CaseInput.InOrder(request.StartDate, request.DueDate, "dueDate", "startDate");

        var child = await TouchAsync(caseId, ct).ConfigureAwait(false);
        var measure = new RestitutionMeasure
        {
            Id = Guid.NewGuid(),
            CaseId = child.Id,
            RightConcerned = request.RightConcerned!,
            Measure = request.Measure!,
            ResponsibleInstitution = request.ResponsibleInstitution!,
            ResponsiblePerson = request.ResponsiblePerson,
            StartDate = request.StartDate,
            DueDate = request.DueDate,
            Status = status,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(measure);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return measure;
    }

    /// <summary>Adds an objective to the individual life plan.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="request">The objective.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<LifePlanObjective> AddObjectiveAsync(string caseId, NewObjectiveRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        CaseInput.OneOf(request.Programme, LifePlanProgrammes.All, "programme");
        CaseInput.OneOf(request.Horizon, LifePlanHorizons.All, "horizon");
        CaseInput.Require(request.Description, "description");
        var child = await TouchAsync(caseId, ct).ConfigureAwait(false);
        var objective = new LifePlanObjective
        {
            Id = Guid.NewGuid(),
            CaseId = child.Id,
            Programme = request.Programme!,
            Horizon = request.Horizon!,
            Description = request.Description!,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(objective);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return objective;
    }

    /// <summary>Adds an activity to a life-plan objective.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="objectiveId">The objective.</param>
    /// <param name="request">The activity.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<LifePlanActivity> AddActivityAsync(string caseId, Guid objectiveId, NewActivityRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        CaseInput.Require(request.Description, "description");
        var status = request.Status ?? MeasureStatuses.Planned;
        CaseInput.OneOf(status, MeasureStatuses.All, "status");
        CaseInput.InOrder(request.StartsOn, request.EndsOn, "endsOn", "startsOn");

        var child = await TouchAsync(caseId, ct).ConfigureAwait(false);
        if (!await db.Set<LifePlanObjective>().AnyAsync(o => o.Id == objectiveId && o.CaseId == child.Id, ct).ConfigureAwait(false))
        {
            throw new WorkflowNotFoundException($"Case {child.Reference} has no objective '{objectiveId}'.");
        }

        var activity = new LifePlanActivity
        {
            Id = Guid.NewGuid(),
            ObjectiveId = objectiveId,
            Description = request.Description!,
            StartsOn = request.StartsOn,
            EndsOn = request.EndsOn,
            Status = status,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(activity);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return activity;
    }

    /// <summary>Records the child's opinion at a decision.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="request">The opinion.</param>
    /// <param name="actor">Who records it.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ChildOpinion> RecordOpinionAsync(string caseId, NewOpinionRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        CaseInput.Require(request.Decision, "decision");
        CaseInput.Require(request.Opinion, "opinion");
        var child = await TouchAsync(caseId, ct).ConfigureAwait(false);
        var opinion = new ChildOpinion
        {
            Id = Guid.NewGuid(),
            CaseId = child.Id,
            Decision = request.Decision!,
            Opinion = request.Opinion!,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = CaseInput.Limit(actor.Id),
        };
        db.Add(opinion);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return opinion;
    }

    /// <summary>Records a step of family tracing.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="request">What was found.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<FamilyTracingRecord> AddTracingAsync(string caseId, NewTracingRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        string[] locations = ["mexico", "country-of-origin", "third-country"];
        if (request.FamilyFound)
        {
            CaseInput.OneOf(request.FamilyLocation, locations, "familyLocation");
        }

        var child = await TouchAsync(caseId, ct).ConfigureAwait(false);
        var record = new FamilyTracingRecord
        {
            Id = Guid.NewGuid(),
            CaseId = child.Id,
            FamilyFound = request.FamilyFound,
            FamilyLocation = request.FamilyFound ? request.FamilyLocation : null,
            Notes = request.Notes,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = CaseInput.Limit(actor.Id),
        };
        db.Add(record);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return record;
    }

    private async Task<ChildCase> TouchAsync(string caseId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var child = await db.ChildCases().SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        child.Touch(time.GetUtcNow());
        return child;
    }
}
