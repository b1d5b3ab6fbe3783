using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>The places children live (first reception and long-term CAS, group homes): the list with occupancy, and registration.</summary>
public sealed class FacilityService(OrchestratorDbContext db, IOptions<CasesOptions> options)
{
    private readonly CasesOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

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
        CaseInput.Require(request.Id, "id");
        CaseInput.Require(request.Name, "name");
        CaseInput.OneOf(request.Kind, FacilityKinds.All, "kind");
        var defaults = _options.DefaultsFor(request.Kind!);
        var capacity = CaseRules.FacilityCapacity(request.Kind!, request.Capacity, defaults);

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
        CaseInput.OneOf(facility.Sex, FacilitySexes.All, "sex");
        if (facility.MinAge > facility.MaxAge)
        {
            throw new CaseInputException("minAge", "is above maxAge.");
        }

        if (await db.Facilities().AnyAsync(f => f.Id == facility.Id, ct).ConfigureAwait(false))
        {
            throw new WorkflowConflictException($"A facility '{facility.Id}' exists already.");
        }

        db.Add(facility);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return facility;
    }
}
