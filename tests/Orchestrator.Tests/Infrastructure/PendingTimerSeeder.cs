using System.Globalization;
using Orchestrator.Persistence;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>
/// Writes pending timer-start rows straight into the table, fast and in one transaction, for the start-up
/// scheduling tests and the timer benchmark (which links this file).
/// </summary>
public static class PendingTimerSeeder
{
    /// <summary>Inserts <paramref name="count"/> pending timer-start rows of process <c>Bulk</c> (element <c>Start_Bulk</c>, version 1), <paramref name="spacing"/> apart from <paramref name="due"/>.</summary>
    /// <param name="db">A fresh context (its change tracking is switched to manual).</param>
    /// <param name="count">How many.</param>
    /// <param name="due">When the first falls due.</param>
    /// <param name="spacing">Between two timers; one millisecond when <c>null</c>.</param>
    public static async Task InsertAsync(OrchestratorDbContext db, int count, DateTimeOffset due, TimeSpan? spacing = null)
    {
        var step = spacing ?? TimeSpan.FromMilliseconds(1);
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            db.Timers.Add(new TimerRecord
            {
                Id = "bulk-" + i.ToString("D8", CultureInfo.InvariantCulture),
                ProcessId = "Bulk",
                ProcessVersion = 1,
                ElementId = "Start_Bulk",
                DueAt = due + (step * i),
                Status = TimerStatuses.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
            });

            // Clearing the tracker every 10,000 rows keeps memory and SaveChanges time flat.
            if (i % 10_000 == 9_999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}
