using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases;

/// <summary>How the case services save what a request changed: lengths checked first, a concurrent write answered as a conflict.</summary>
internal static class CaseWrites
{
    /// <summary>
    /// Saves the staged rows: a text longer than its column is bad input naming the field (nothing is written); a row
    /// changed by another request meanwhile, or an id taken by one, is a <see cref="WorkflowConflictException"/> (409).
    /// The context is cleared either way.
    /// </summary>
    /// <param name="db">The context with the staged rows.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task SaveAsync(OrchestratorDbContext db, CancellationToken ct)
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
}
