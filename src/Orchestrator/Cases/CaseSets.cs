using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>The case tables of the one DbContext (the context itself stays the engine's file).</summary>
public static class CaseSets
{
    /// <summary>Child case files.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<ChildCase> ChildCases(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<ChildCase>();

    /// <summary>Facilities.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<Facility> Facilities(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<Facility>();

    /// <summary>The foster-family register.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<FosterFamily> FosterFamilies(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<FosterFamily>();

    /// <summary>Consulates.</summary>
    /// <param name="db">The context.</param>
    public static DbSet<Consulate> Consulates(this OrchestratorDbContext db) => (db ?? throw new ArgumentNullException(nameof(db))).Set<Consulate>();
}
