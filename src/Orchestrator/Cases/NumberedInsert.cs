using Orchestrator.Persistence;

namespace Orchestrator.Cases;

/// <summary>
/// Inserts a row that takes the next reference of a yearly counter (<c>CA-2026-0001</c>, <c>CA-2026-R-0001</c>) in its
/// own transaction: the counter is read and moved with the insert, so two people registering at once get two numbers.
/// The first two rows of a year both insert the counter row; the loser's transaction is rolled back and tried again
/// (up to 20 times, after a short random pause) and then updates the row the winner made.
/// </summary>
internal static class NumberedInsert
{
    /// <summary>Runs <paramref name="build"/> with the year (in the organisation's calendar) and the next number, and commits what it added.</summary>
    /// <typeparam name="T">What is made.</typeparam>
    /// <param name="db">The context (its tracked changes are cleared before and after).</param>
    /// <param name="counter">The counter's name (<c>case</c>, <c>open-door</c>).</param>
    /// <param name="timeZone">The organisation's time zone: a row made on 31 December at 19:00 in Mexico City is of that year, although it is already 1 January in UTC.</param>
    /// <param name="now">The moment of the insert.</param>
    /// <param name="build">Adds the rows to <paramref name="db"/> and returns the main one.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What <paramref name="build"/> returned, committed.</returns>
    public static async Task<T> RunAsync<T>(OrchestratorDbContext db, string counter, string timeZone, DateTimeOffset now, Func<int, int, Task<T>> build, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                try
                {
                    var year = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).Year;
                    var number = await CaseRules.NextNumberAsync(db, counter, year, ct).ConfigureAwait(false);
                    var made = await build(year, number).ConfigureAwait(false);
                    CaseLengths.Check(db);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    return made;
                }
                catch (Exception e) when (DatabaseProviders.IsConcurrencyConflict(e) && attempt < 20)
                {
                    await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), ct).ConfigureAwait(false);
        }
    }
}
