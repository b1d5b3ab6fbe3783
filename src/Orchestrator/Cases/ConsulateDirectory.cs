using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>The consulates an assisted voluntary return writes to.</summary>
public sealed class ConsulateDirectory(OrchestratorDbContext db)
{
    /// <summary>Consulates by country.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<Consulate>> ListAsync(CancellationToken ct) =>
        await db.Consulates().AsNoTracking().OrderBy(c => c.Country).ThenBy(c => c.City).ToListAsync(ct).ConfigureAwait(false);
}
