using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>
/// Case files, facilities, the foster-family register and consulates, for the API and the start-up seeding. Every
/// read of a case file writes an audit row (history type <c>CaseRead</c>: who, when, which case).
/// </summary>
public sealed class CaseService(OrchestratorDbContext db, TimeProvider time, IOptions<CasesOptions> options, WorkflowOptions workflowOptions)
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
        Require(request.GivenNames, "givenNames");
        Require(request.Nationality, "nationality");
        var sex = request.Sex ?? ChildSexes.Other;
        OneOf(sex, ChildSexes.All, "sex");
        var asylum = request.AsylumStatus ?? AsylumStatuses.None;
        OneOf(asylum, AsylumStatuses.All, "asylumStatus");
        var now = time.GetUtcNow();
        if (request.BirthDate is { } birth && birth > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new CaseInputException("birthDate", "lies in the future.");
        }

        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                try
                {
                    // The reference's year is the organisation's calendar year (a case opened on 31 December at 19:00 in
                    // Mexico City is of that year, although it is already 1 January in UTC).
                    var year = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(workflowOptions.TimeZone)).Year;
                    var number = await CaseRules.NextNumberAsync(db, "case", year, ct).ConfigureAwait(false);
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
                        CreatedAt = now,
                        CreatedBy = Limit(actor.Id),
                        UpdatedAt = now,
                    };
                    db.Add(child);
                    db.Add(new CaseEvent { Id = Guid.NewGuid(), CaseId = child.Id, At = now, Type = CaseEventTypes.Opened, To = CasePhases.Detection, UserId = Limit(actor.Id) });
                    if (!string.IsNullOrWhiteSpace(request.ChildOpinion))
                    {
                        db.Add(new ChildOpinion { Id = Guid.NewGuid(), CaseId = child.Id, Decision = "first-interview", Opinion = request.ChildOpinion, RecordedAt = now, RecordedBy = Limit(actor.Id) });
                    }

                    CaseLengths.Check(db);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    return child;
                }
                catch (Exception e) when (DatabaseProviders.IsConcurrencyConflict(e) && attempt < 20)
                {
                    // Two first cases of a year inserted the counter row at once (the loser retries and updates it).
                    await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A case file with its plans, evaluations, placement, opinions and events (the read is audited).</summary>
    /// <param name="caseId">The case id or its reference.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    public async Task<ChildCase> GetCaseAsync(string caseId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var child = await db.ChildCases().AsNoTracking().AsSplitQuery()
            .Include(c => c.Opinions).Include(c => c.RestitutionMeasures).Include(c => c.Objectives).ThenInclude(o => o.Activities)
            .Include(c => c.Evaluations).Include(c => c.FamilyTracing).Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        await EnsureOnCaseloadAsync(child, actor, ct).ConfigureAwait(false);
        await AuditAsync(child.Id, "CaseRead", actor, ct).ConfigureAwait(false);
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
        return child;
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
            OneOf(phase, CasePhases.All, "phase");
        }

        var query = db.ChildCases().AsNoTracking();
        if (phase is not null)
        {
            query = query.Where(c => c.Phase == phase);
        }

        var list = await query.OrderBy(c => c.Reference).Take(1000)
            .Select(c => new CaseSummary(c.Id, c.Reference, c.Phase, c.PhaseSince, c.PlacementType, c.PlacementId, c.PlacementSince, c.ReferenceEducator))
            .ToListAsync(ct).ConfigureAwait(false);
        await AuditAsync(null, "CaseListRead", actor, ct, phase).ConfigureAwait(false);
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
        Require(request.RightConcerned, "rightConcerned");
        Require(request.Measure, "measure");
        Require(request.ResponsibleInstitution, "responsibleInstitution");
        var status = request.Status ?? MeasureStatuses.Planned;
        OneOf(status, MeasureStatuses.All, "status");
        if (request.StartDate is { } s && request.DueDate is { } d && d < s)
        {
            throw new CaseInputException("dueDate", "comes before startDate.");
        }

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
        await SaveAsync(ct).ConfigureAwait(false);
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
        OneOf(request.Programme, LifePlanProgrammes.All, "programme");
        OneOf(request.Horizon, LifePlanHorizons.All, "horizon");
        Require(request.Description, "description");
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
        await SaveAsync(ct).ConfigureAwait(false);
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
        Require(request.Description, "description");
        var status = request.Status ?? MeasureStatuses.Planned;
        OneOf(status, MeasureStatuses.All, "status");
        if (request.StartsOn is { } s && request.EndsOn is { } e && e < s)
        {
            throw new CaseInputException("endsOn", "comes before startsOn.");
        }

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
        await SaveAsync(ct).ConfigureAwait(false);
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
        Require(request.Decision, "decision");
        Require(request.Opinion, "opinion");
        var child = await TouchAsync(caseId, ct).ConfigureAwait(false);
        var opinion = new ChildOpinion
        {
            Id = Guid.NewGuid(),
            CaseId = child.Id,
            Decision = request.Decision!,
            Opinion = request.Opinion!,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = Limit(actor.Id),
        };
        db.Add(opinion);
        await SaveAsync(ct).ConfigureAwait(false);
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
            OneOf(request.FamilyLocation, locations, "familyLocation");
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
            RecordedBy = Limit(actor.Id),
        };
        db.Add(record);
        await SaveAsync(ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>Facilities with their occupancy.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<FacilityView>> ListFacilitiesAsync(CancellationToken ct)
    {
        var facilities = await db.Facilities().AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Id).ToListAsync(ct).ConfigureAwait(false);
        var occupied = await db.ChildCases().AsNoTracking().Where(c => c.PlacementId != null && c.Phase != CasePhases.Closed)
            .GroupBy(c => c.PlacementId!).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct).ConfigureAwait(false);
        return [.. facilities.Select(f => new FacilityView(f.Id, f.Name, f.Kind, f.Capacity, occupied.GetValueOrDefault(f.Id), f.MinAge, f.MaxAge, f.Sex, f.City))];
    }

    /// <summary>Registers a facility; capacity and ages default to its kind's settings, and capacity may not exceed them.</summary>
    /// <param name="request">The facility.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Facility> CreateFacilityAsync(NewFacilityRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Id, "id");
        Require(request.Name, "name");
        OneOf(request.Kind, FacilityKinds.All, "kind");
        var defaults = _options.DefaultsFor(request.Kind!);
        var capacity = request.Capacity ?? defaults.Capacity;
        if (capacity < 1 || capacity > defaults.Capacity)
        {
            throw new CaseInputException("capacity", $"a {request.Kind} facility takes 1 to {defaults.Capacity} children (Cases settings).");
        }

        var facility = new Facility
        {
            Id = request.Id!.Trim(),
            Name = request.Name!,
            Kind = request.Kind!,
            Capacity = capacity,
            MinAge = request.MinAge ?? defaults.MinAge,
            MaxAge = request.MaxAge ?? defaults.MaxAge,
            Sex = request.Sex ?? FacilitySexes.Any,
            City = request.City,
        };
        OneOf(facility.Sex, FacilitySexes.All, "sex");
        if (facility.MinAge > facility.MaxAge)
        {
            throw new CaseInputException("minAge", "is above maxAge.");
        }

        if (await db.Facilities().AnyAsync(f => f.Id == facility.Id, ct).ConfigureAwait(false))
        {
            throw new WorkflowConflictException($"A facility '{facility.Id}' exists already.");
        }

        db.Add(facility);
        await SaveAsync(ct).ConfigureAwait(false);
        return facility;
    }

    /// <summary>The foster-family register, optionally of one status.</summary>
    /// <param name="status">A status name, or <c>null</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<FosterFamily>> ListFamiliesAsync(string? status, CancellationToken ct)
    {
        var query = db.FosterFamilies().AsNoTracking();
        if (status is not null)
        {
            if (!FosterFamilyStatuses.TryParse(status, out var s))
            {
                throw new CaseInputException("status", $"'{status}' is not one of {string.Join(", ", Enum.GetValues<FosterFamilyStatus>().Select(FosterFamilyStatuses.ToKey))}.");
            }

            query = query.Where(f => f.Status == s);
        }

        return await query.OrderBy(f => f.Reference).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Registers a family that answered the public call (status <c>applicant</c>).</summary>
    /// <param name="request">The family.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<FosterFamily> RegisterFamilyAsync(NewFamilyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Reference, "reference");
        Require(request.Name, "name");
        if (request.Capacity is not { } capacity || capacity < 1)
        {
            throw new CaseInputException("capacity", "is required and must be at least 1.");
        }

        if (request.PreferredMinAge is { } lo && request.PreferredMaxAge is { } hi && lo > hi)
        {
            throw new CaseInputException("preferredMinAge", "is above preferredMaxAge.");
        }

        var now = time.GetUtcNow();
        var family = new FosterFamily
        {
            Id = string.IsNullOrWhiteSpace(request.Id) ? "family-" + Guid.NewGuid().ToString("N")[..12] : request.Id.Trim(),
            Reference = request.Reference!.Trim(),
            Name = request.Name!,
            Status = FosterFamilyStatus.Applicant,
            Culture = request.Culture,
            Languages = request.Languages ?? "",
            Capacity = capacity,
            PreferredMinAge = request.PreferredMinAge,
            PreferredMaxAge = request.PreferredMaxAge,
            HouseholdNotes = request.HouseholdNotes,
            Email = request.Email,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await db.FosterFamilies().AnyAsync(f => f.Id == family.Id || f.Reference == family.Reference, ct).ConfigureAwait(false))
        {
            throw new WorkflowConflictException($"A foster family with id '{family.Id}' or reference '{family.Reference}' exists already.");
        }

        db.Add(family);
        await SaveAsync(ct).ConfigureAwait(false);
        return family;
    }

    /// <summary>
    /// Active families of the register that could take the child, best first: a place left (capacity minus children
    /// placed), the child's age in the preferred range (when both are known), then shared languages and culture.
    /// The read is audited (it reads the case file).
    /// </summary>
    /// <param name="caseId">The case id or reference.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<FamilyMatch>> SuggestFamiliesAsync(string caseId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var child = await db.ChildCases().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        await EnsureOnCaseloadAsync(child, actor, ct).ConfigureAwait(false);
        await AuditAsync(child.Id, "CaseMatchRead", actor, ct).ConfigureAwait(false);
        var age = child.AgeOn(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var languages = CaseRules.LanguagesOf(child.Languages);
        var families = await db.FosterFamilies().AsNoTracking().Where(f => f.Status == FosterFamilyStatus.Active).ToListAsync(ct).ConfigureAwait(false);
        var ids = families.Select(f => f.Id).ToList();
        var placed = await db.ChildCases().AsNoTracking().Where(c => c.PlacementId != null && ids.Contains(c.PlacementId) && c.Phase != CasePhases.Closed)
            .GroupBy(c => c.PlacementId!).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct).ConfigureAwait(false);
        var matches = new List<FamilyMatch>();
        foreach (var f in families)
        {
            var left = f.Capacity - placed.GetValueOrDefault(f.Id);
            if (left < 1)
            {
                continue;
            }

            if (age is { } a && ((f.PreferredMinAge is { } lo && a < lo) || (f.PreferredMaxAge is { } hi && a > hi)))
            {
                continue;
            }

            var shared = CaseRules.LanguagesOf(f.Languages).Intersect(languages, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var sameCulture = child.Culture is not null && string.Equals(child.Culture, f.Culture, StringComparison.OrdinalIgnoreCase);
            var score = (shared.Count * 2) + (sameCulture ? 3 : 0);
            matches.Add(new FamilyMatch(f.Id, f.Reference, f.Name, left, shared, sameCulture, score));
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.PlacesLeft).ThenBy(m => m.Reference, StringComparer.Ordinal).Take(_options.MaxSuggestions)];
    }

    /// <summary>Consulates by country.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<Consulate>> ListConsulatesAsync(CancellationToken ct) =>
        await db.Consulates().AsNoTracking().OrderBy(c => c.Country).ThenBy(c => c.City).ToListAsync(ct).ConfigureAwait(false);

    private async Task<ChildCase> TouchAsync(string caseId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var child = await db.ChildCases().SingleOrDefaultAsync(c => c.Id == caseId || c.Reference == caseId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No case '{caseId}'.");
        child.UpdatedAt = time.GetUtcNow();
        child.RowVersion++;
        return child;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            CaseLengths.Check(db);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new WorkflowConflictException("The case was changed by another request at the same time. Try again.", e);
        }
        catch (DbUpdateException e) when (DatabaseProviders.IsConcurrencyConflict(e))
        {
            // Two requests created the same facility or family id at once: the unique key let one in.
            throw new WorkflowConflictException("Another request wrote the same record at the same time (the id or reference exists now). Try again or choose another.", e);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may open this child's file. Coordinators, data managers and admins open every
    /// file; other staff (and programs with their roles) only the files on their caseload: a case they registered or
    /// are the reference educator of, one with a task they claimed or completed, or one with an open task offered to
    /// them or to one of their groups (the task in their inbox) — any instance whose business key is the case's
    /// reference, called journeys included (they inherit it). A refusal is audited like a read.
    /// </summary>
    private async Task EnsureOnCaseloadAsync(ChildCase child, Actor actor, CancellationToken ct)
    {
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

    private static bool SeesEveryCase(Actor actor) =>
        actor.SeesAllTasks || actor.Roles.Contains(Security.Roles.DataManager);

    private async Task AuditAsync(string? caseId, string type, Actor actor, CancellationToken ct, string? detail = null)
    {
        db.History.Add(new HistoryRecord
        {
            InstanceId = null,
            At = time.GetUtcNow(),
            Type = type,
            ItemId = caseId,
            UserId = Limit(actor.Id),
            Detail = detail is null ? null : new System.Text.Json.Nodes.JsonObject { ["phase"] = detail }.ToJsonString(),
        });
        CaseLengths.Check(db);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CaseInputException(field, "is required.");
        }
    }

    private static void OneOf(string? value, IReadOnlyList<string> allowed, string field)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new CaseInputException(field, $"'{value}' is not one of {string.Join(", ", allowed)}.");
        }
    }

    private static string Limit(string value) => value.Length <= CaseModel.NameLength ? value : value[..CaseModel.NameLength];
}

/// <summary>A new case file (POST /api/cases).</summary>
public sealed record NewCaseRequest
{
    /// <summary>Given names (required).</summary>
    public string? GivenNames { get; init; }

    /// <summary>Family names.</summary>
    public string? FamilyNames { get; init; }

    /// <summary>Date of birth, if known.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c> (default).</summary>
    public string? Sex { get; init; }

    /// <summary>Nationality (required).</summary>
    public string? Nationality { get; init; }

    /// <summary>Languages, comma-separated.</summary>
    public string? Languages { get; init; }

    /// <summary>Culture or people.</summary>
    public string? Culture { get; init; }

    /// <summary>Profile flags.</summary>
    public ProfileFlags? Flags { get; init; }

    /// <summary>The reference educator.</summary>
    public string? ReferenceEducator { get; init; }

    /// <summary>Asylum status (default <c>none</c>).</summary>
    public string? AsylumStatus { get; init; }

    /// <summary>Siblings share a group.</summary>
    public string? SiblingGroup { get; init; }

    /// <summary>The child's opinion at the first interview.</summary>
    public string? ChildOpinion { get; init; }
}

/// <summary>A restitution measure (POST /api/cases/{id}/restitution-measures).</summary>
/// <param name="RightConcerned">The right concerned.</param>
/// <param name="Measure">The measure.</param>
/// <param name="ResponsibleInstitution">The institution.</param>
/// <param name="ResponsiblePerson">The person.</param>
/// <param name="StartDate">Start.</param>
/// <param name="DueDate">Due.</param>
/// <param name="Status">Status (default planned).</param>
public sealed record NewMeasureRequest(string? RightConcerned, string? Measure, string? ResponsibleInstitution, string? ResponsiblePerson, DateOnly? StartDate, DateOnly? DueDate, string? Status);

/// <summary>A life-plan objective (POST /api/cases/{id}/life-plan/objectives).</summary>
/// <param name="Programme">education, independent-living, personal-growth.</param>
/// <param name="Horizon">short, medium, long.</param>
/// <param name="Description">The objective.</param>
public sealed record NewObjectiveRequest(string? Programme, string? Horizon, string? Description);

/// <summary>A life-plan activity (POST /api/cases/{id}/life-plan/objectives/{objectiveId}/activities).</summary>
/// <param name="Description">The activity.</param>
/// <param name="StartsOn">Start.</param>
/// <param name="EndsOn">End.</param>
/// <param name="Status">Status (default planned).</param>
public sealed record NewActivityRequest(string? Description, DateOnly? StartsOn, DateOnly? EndsOn, string? Status);

/// <summary>The child's opinion (POST /api/cases/{id}/opinions).</summary>
/// <param name="Decision">The decision it is about.</param>
/// <param name="Opinion">The opinion.</param>
public sealed record NewOpinionRequest(string? Decision, string? Opinion);

/// <summary>A step of family tracing (POST /api/cases/{id}/family-tracing), as the family-tracing form records it.</summary>
/// <param name="FamilyFound">Whether family was found.</param>
/// <param name="FamilyLocation">mexico, country-of-origin or third-country (required when found).</param>
/// <param name="Notes">Notes.</param>
public sealed record NewTracingRequest(bool FamilyFound, string? FamilyLocation, string? Notes);

/// <summary>A facility (POST /api/facilities).</summary>
/// <param name="Id">Its id (a short slug).</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">first-reception, long-term, group-home.</param>
/// <param name="Capacity">Capacity (default and ceiling: the kind's setting).</param>
/// <param name="MinAge">Youngest age (default: the kind's).</param>
/// <param name="MaxAge">Oldest age (default: the kind's).</param>
/// <param name="Sex">any (default), female, male.</param>
/// <param name="City">City.</param>
public sealed record NewFacilityRequest(string? Id, string? Name, string? Kind, int? Capacity, int? MinAge, int? MaxAge, string? Sex, string? City);

/// <summary>A facility with its occupancy.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Capacity">Capacity.</param>
/// <param name="Occupied">Children placed there now.</param>
/// <param name="MinAge">Youngest age.</param>
/// <param name="MaxAge">Oldest age.</param>
/// <param name="Sex">Who it admits.</param>
/// <param name="City">City.</param>
public sealed record FacilityView(string Id, string Name, string Kind, int Capacity, int Occupied, int MinAge, int MaxAge, string Sex, string? City);

/// <summary>A family that answered the public call (POST /api/foster-families).</summary>
/// <param name="Id">Its id (default: generated); the certification journey's <c>familyId</c>.</param>
/// <param name="Reference">Its reference (letters carry it; required, unique).</param>
/// <param name="Name">Name (required).</param>
/// <param name="Culture">Culture.</param>
/// <param name="Languages">Languages, comma-separated.</param>
/// <param name="Capacity">How many children (required).</param>
/// <param name="PreferredMinAge">Youngest preferred age.</param>
/// <param name="PreferredMaxAge">Oldest preferred age.</param>
/// <param name="HouseholdNotes">Notes.</param>
/// <param name="Email">Email.</param>
public sealed record NewFamilyRequest(string? Id, string? Reference, string? Name, string? Culture, string? Languages, int? Capacity, int? PreferredMinAge, int? PreferredMaxAge, string? HouseholdNotes, string? Email);

/// <summary>A suggested foster family for a child.</summary>
/// <param name="FamilyId">The family.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Name">Its name.</param>
/// <param name="PlacesLeft">Places left.</param>
/// <param name="SharedLanguages">Languages shared with the child.</param>
/// <param name="SameCulture">Whether the culture is the child's.</param>
/// <param name="Score">Higher is a better match (2 per shared language, 3 for the same culture).</param>
public sealed record FamilyMatch(string FamilyId, string Reference, string Name, int PlacesLeft, IReadOnlyList<string> SharedLanguages, bool SameCulture, int Score);

/// <summary>What a list of cases shows: no names, birth date, story or profile flags (those need a read of the one case, which is audited).</summary>
/// <param name="Id">The case id.</param>
/// <param name="Reference">The case reference (<c>CA-2026-0001</c>).</param>
/// <param name="Phase">The phase.</param>
/// <param name="PhaseSince">Since when.</param>
/// <param name="PlacementType">The kind of placement, if placed.</param>
/// <param name="PlacementId">The facility or family.</param>
/// <param name="PlacementSince">Since when.</param>
/// <param name="ReferenceEducator">The reference educator.</param>
public sealed record CaseSummary(string Id, string Reference, string Phase, DateTimeOffset PhaseSince, string? PlacementType, string? PlacementId, DateTimeOffset? PlacementSince, string? ReferenceEducator);
